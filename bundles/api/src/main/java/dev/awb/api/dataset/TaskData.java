package dev.awb.api.dataset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task's shape and its three splits. The validation split is for model selection, the test split only
 * for reporting.
 *
 * @param counts what the dataset counted while producing the splits that a reader of the results should see,
 *     by name (e.g. {@code skipped_records}: malformed records left out under {@code skip_bad_records}); the
 *     runtime stores each as a metric of split {@code data} and the study report lists them. Empty when there is
 *     nothing to tell
 */
public record TaskData(TaskSpec spec, Examples train, Examples validation, Examples test, Map<String, Long> counts) {
    /** Records written by the dataset's own {@code skip_bad_records} handling: the malformed ones left out. */
    public static final String SKIPPED_RECORDS = "skipped_records";

    public TaskData {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        counts = Map.copyOf(counts);
    }

    /** Splits without counts. */
    public TaskData(TaskSpec spec, Examples train, Examples validation, Examples test) {
        this(spec, train, validation, test, Map.of());
    }

    /** These splits with {@code count} added under {@code name} (summed with a count already there). */
    public TaskData withCount(String name, long count) {
        Map<String, Long> more = new LinkedHashMap<>(counts);
        more.merge(name, count, Long::sum);
        return new TaskData(spec, train, validation, test, more);
    }
}
