package dev.awb.runtime.store;

import java.util.Locale;

/**
 * Where a trial stands in the store. The {@code status} column holds {@link #text()} (the lower-case name), which
 * the store's SQL also writes and matches.
 */
public enum TrialStatus {
    /** Planned, never started. */
    PENDING,
    /** Held by a worker under a lease (stale when the lease expired: its owner is gone). */
    RUNNING,
    /** Trained to the end; its final metrics are stored. Final. */
    FINISHED,
    /** Its training loss became NaN or infinite; the same seed would do it again. Final. */
    DIVERGED,
    /** Its worker failed (an exception, a crash, a signal); the next run retries it. */
    FAILED,
    /** Its run was stopped (Ctrl-C, SIGTERM); the next run resumes it from its checkpoint. */
    INTERRUPTED;

    /** The status as stored and printed, e.g. {@code finished}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether nothing is left to run: finished, or diverged. */
    public boolean isDone() {
        return this == FINISHED || this == DIVERGED;
    }

    /** Whether {@code text} is this status as stored. */
    public boolean is(String text) {
        return text().equals(text);
    }

    /**
     * The status stored as {@code text}.
     *
     * @throws StoreException for a text that is no status
     */
    public static TrialStatus of(String text) {
        for (TrialStatus status : values()) {
            if (status.is(text)) {
                return status;
            }
        }
        throw new StoreException("unknown trial status [" + text + "]; statuses: "
                + java.util.Arrays.stream(values()).map(TrialStatus::text).toList());
    }

    @Override
    public String toString() {
        return text();
    }
}
