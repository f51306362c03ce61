package dev.awb.runtime.store;

import dev.awb.runtime.AwbException;

/** Thrown when the results store cannot be opened, read or written (exit code 1). */
public class StoreException extends AwbException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(FAILURE, message, null);
    }

    public StoreException(String message, Throwable cause) {
        super(FAILURE, message, cause);
    }
}
