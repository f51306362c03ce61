package dev.awb.runtime.device;

/**
 * A device value that is not {@code cpu}, {@code cuda} or {@code cuda:N}, or a GPU that is not visible.
 */
public final class InvalidDeviceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDeviceException(String message) {
        super(message);
    }
}
