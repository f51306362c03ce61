package dev.awb.runtime.store;

import java.util.Locale;

/**
 * What a stored metric row was measured on: the {@code split} column holds {@link #text()} (e.g. a key
 * {@code validation.accuracy} is the metric {@code accuracy} of split {@code validation}).
 */
public enum Split {
    /** The training split (training loss per epoch). */
    TRAIN,
    /** The validation split: after every epoch and at the end; what {@code tune: select} reads. */
    VALIDATION,
    /** The test split, at the end. */
    TEST,
    /** What the trial cost, measured by the runtime (time, throughput, memory, parameters). */
    COST,
    /** Facts about the trial's data (e.g. {@code skipped_records}). */
    DATA;

    /** The split as stored, e.g. {@code validation}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The key of metric {@code name} on this split, e.g. {@code validation.accuracy}. */
    public String key(String name) {
        return text() + "." + name;
    }

    @Override
    public String toString() {
        return text();
    }
}
