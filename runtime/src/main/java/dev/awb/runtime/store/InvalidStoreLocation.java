package dev.awb.runtime.store;

import dev.awb.runtime.AwbException;

/**
 * Thrown when a results store location cannot be used as given: an {@code env:NAME} whose variable is unset, or a
 * URL that holds a password in plain sight (see {@link StoreLocation}). Bad input: nothing was opened or written.
 */
public class InvalidStoreLocation extends AwbException {
    private static final long serialVersionUID = 1L;

    public InvalidStoreLocation(String message) {
        super(BAD_INPUT, message, null);
    }
}
