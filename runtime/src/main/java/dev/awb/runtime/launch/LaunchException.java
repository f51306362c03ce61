package dev.awb.runtime.launch;

import dev.awb.runtime.AwbException;

/** Thrown when the OSGi host itself cannot start; a broken plugin is a {@link BundleProblem} instead (exit code 1). */
public class LaunchException extends AwbException {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message, Throwable cause) {
        super(FAILURE, message, cause);
    }
}
