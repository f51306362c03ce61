package dev.awb.runtime.experiment;

import dev.awb.runtime.AwbException;

/**
 * Thrown when a trial's frozen configuration cannot be bound to live plugins: a plugin version it was planned with
 * is no longer installed, or the configuration is damaged. The trial is not run; the message says what is missing (exit code 2: the trial cannot be rebuilt as it ran).
 */
public final class FrozenTrialUnavailable extends AwbException {
    private static final long serialVersionUID = 1L;

    public FrozenTrialUnavailable(String message) {
        super(BAD_INPUT, message, null);
    }
}
