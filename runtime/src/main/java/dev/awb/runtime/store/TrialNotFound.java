package dev.awb.runtime.store;

import dev.awb.runtime.AwbException;

/**
 * Thrown when no trial, or more than one, matches the id or prefix a user gave; the message lists the candidates
 * (exit 2).
 */
public final class TrialNotFound extends AwbException {
    private static final long serialVersionUID = 1L;

    public TrialNotFound(String message) {
        super(BAD_INPUT, message, null);
    }
}
