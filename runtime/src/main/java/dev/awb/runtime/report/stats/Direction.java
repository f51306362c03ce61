package dev.awb.runtime.report.stats;

import java.util.Locale;

/**
 * Whether a larger or a smaller value of a metric is better: losses, perplexities, errors, times, memory
 * and parameter counts are better small; everything else (accuracy, F1, tokens per second) better large.
 */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    private static final String[] LOWER = {"loss", "perplexity", "error", "seconds", "bytes", "memory", "parameters",
        "latency", "time_", "_ms"};

    /** The direction of the metric {@code name} (a bare name or {@code split.name}). */
    public static Direction of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("per_s") || lower.contains("throughput")) {
            return HIGHER_IS_BETTER;
        }
        for (String word : LOWER) {
            if (lower.contains(word)) {
                return LOWER_IS_BETTER;
            }
        }
        return HIGHER_IS_BETTER;
    }

    /** Whether {@code a} is better than {@code b} in this direction. */
    public boolean better(double a, double b) {
        return this == HIGHER_IS_BETTER ? a > b : a < b;
    }
}
