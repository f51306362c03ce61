package dev.awb.runtime.store;

/**
 * Thrown when a results store location cannot be used as given: an {@code env:NAME} whose variable is unset, or a
 * URL that holds a password in plain sight (see {@link StoreLocation}). Bad input: nothing was opened or written.
 */
public class InvalidStoreLocation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidStoreLocation(String message) {
        super(message);
    }
}
