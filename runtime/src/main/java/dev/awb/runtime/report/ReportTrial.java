package dev.awb.runtime.report;

import dev.awb.runtime.store.TrialStatus;
import java.util.Map;

/**
 * One trial as the report sees it: identity, seed, sweep coordinates (label key → value, seeds excluded),
 * status, error and resolved configuration (canonical JSON).
 */
record ReportTrial(String id, int index, long seed, Map<String, String> labels, String status, String error,
        int attempts, String config) {
    /** This trial with other labels. */
    ReportTrial withLabels(Map<String, String> other) {
        return new ReportTrial(id, index, seed, other, status, error, attempts, config);
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
