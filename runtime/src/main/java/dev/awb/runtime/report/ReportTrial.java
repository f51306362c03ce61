package dev.awb.runtime.report;

import java.util.Map;

/**
 * One trial as the report sees it: identity, seed, sweep coordinates (label key → value, seeds excluded),
 * status and error.
 */
record ReportTrial(String id, int index, long seed, Map<String, String> labels, String status, String error,
        int attempts) {
    boolean finished() {
        return "finished".equals(status);
    }

    boolean diverged() {
        return "diverged".equals(status);
    }

    String label(String axis) {
        return labels.getOrDefault(axis, "");
    }
}
