package dev.awb.runtime.cluster;

import dev.awb.runtime.AwbException;

/** Thrown when a Slurm client command is missing, fails, or does not answer in time (exit code 1). */
public class SlurmException extends AwbException {
    private static final long serialVersionUID = 1L;

    public SlurmException(String message) {
        super(FAILURE, message, null);
    }
}
