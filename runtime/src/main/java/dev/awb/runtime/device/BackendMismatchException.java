package dev.awb.runtime.device;

/**
 * ND4J loaded a backend other than the one a trial's device needs (typically: CUDA asked for, CPU loaded).
 */
public final class BackendMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BackendMismatchException(String message) {
        super(message);
    }
}
