package dev.awb.api.dataset;

import java.util.Objects;

/**
 * A task's shape and its three splits. The validation split is for model selection, the test split only
 * for reporting.
 */
public record TaskData(TaskSpec spec, Examples train, Examples validation, Examples test) {
    public TaskData {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }
}
