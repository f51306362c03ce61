package dev.awb.runtime.cluster;

/** Thrown when a Slurm client command is missing, fails, or does not answer in time. */
public class SlurmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlurmException(String message) {
        super(message);
    }
}
