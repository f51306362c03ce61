package dev.awb.runtime.report;

import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.store.TrialStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One trial as the report sees it: the stored record, with the sweep coordinates the report groups it by (label key
 * → value, seeds excluded; {@link Replicates} may have told apart configurations that share labels) and its status
 * as read when the report was made (a running trial whose worker is gone shows as stale).
 *
 * @param stored the trial as the store keeps it
 * @param labels the labels it is grouped by
 * @param status its status as people should read it now ({@link TrialRecord#statusAt})
 */
record ReportTrial(TrialRecord stored, Map<String, String> labels, String status) {
    /** {@code trial} as read at {@code now}, grouped by its stored labels. */
    static ReportTrial of(TrialRecord trial, Instant now) {
        return new ReportTrial(trial, trial.labels() == null || trial.labels().isBlank() ? Map.of()
                : trial.labelMap(), trial.statusAt(now));
    }

    /** This trial with other labels. */
    ReportTrial withLabels(Map<String, String> other) {
        return new ReportTrial(stored, other, status);
    }

    String id() {
        return stored.id();
    }

    int index() {
        return stored.index();
    }

    long seed() {
        return stored.seed();
    }

    String error() {
        return stored.error();
    }

    int attempts() {
        return stored.attempts();
    }

    /** The resolved configuration (canonical JSON). */
    String config() {
        return stored.config();
    }

    boolean finished() {
        return TrialStatus.FINISHED.is(status);
    }

    boolean diverged() {
        return TrialStatus.DIVERGED.is(status);
    }

    String label(String axis) {
        return labels.getOrDefault(axis, "");
    }
}
