package dev.awb.api.metric;

/**
 * Whether a larger or a smaller value of a metric is better. A metric declares it per key
 * ({@link Metric#direction(String)}); the runtime uses it to select tuned points, to give paired comparisons
 * their verdict and to draw Pareto fronts, so all three agree.
 */
public enum Direction {
    /** Larger is better: accuracy, F1, tokens per second. */
    HIGHER_IS_BETTER,
    /** Smaller is better: losses, perplexities, errors, times, memory, parameter counts. */
    LOWER_IS_BETTER;

    /** Whether {@code a} is better than {@code b} in this direction. */
    public boolean better(double a, double b) {
        return this == HIGHER_IS_BETTER ? a > b : a < b;
    }
}
