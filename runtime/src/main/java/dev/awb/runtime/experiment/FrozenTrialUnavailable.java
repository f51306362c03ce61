package dev.awb.runtime.experiment;

/**
 * Thrown when a trial's frozen configuration cannot be bound to live plugins: a plugin version it was planned with
 * is no longer installed, or the configuration is damaged. The trial is not run; the message says what is missing.
 */
public final class FrozenTrialUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FrozenTrialUnavailable(String message) {
        super(message);
    }
}
