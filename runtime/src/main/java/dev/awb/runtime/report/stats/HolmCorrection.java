package dev.awb.runtime.report.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for multiple comparisons (Holm 1979, "A simple sequentially
 * rejective multiple test procedure"), controlling the family-wise error rate.
 *
 * <p>Sorted ascending, the i-th smallest of m p-values (i from 0) is multiplied by m - i, made monotone by a
 * running maximum and capped at 1 (as R's {@code p.adjust(method = "holm")}). {@code NaN} entries (tests
 * that could not be run) stay {@code NaN} and do not count towards m.
 */
public final class HolmCorrection {
    private HolmCorrection() {
    }

    /** The adjusted p-values, in the order of {@code p}. */
    public static double[] adjust(double[] p) {
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * p[order[i]]));
            adjusted[order[i]] = running;
        }
        return adjusted;
    }
}
