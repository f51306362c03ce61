package dev.awb.runtime.launch;

/** Thrown when the OSGi host itself cannot start; a broken plugin is a {@link BundleProblem} instead. */
public class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
