package dev.awb.runtime.store;

import dev.awb.runtime.AwbException;

/** Thrown when a results store has no study of the id a user gave; the message lists the studies it has (exit 2). */
public final class StudyNotFound extends AwbException {
    private static final long serialVersionUID = 1L;

    StudyNotFound(String message) {
        super(BAD_INPUT, message, null);
    }
}
