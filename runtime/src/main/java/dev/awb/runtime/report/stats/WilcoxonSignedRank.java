package dev.awb.runtime.report.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The Wilcoxon signed-rank test of paired samples (Wilcoxon 1945), two-sided.
 *
 * <p>Zero differences are dropped (Wilcoxon's convention, as R's {@code wilcox.test} and SciPy's default),
 * the absolute differences are ranked with average ranks for ties, and V is the sum of the ranks of the
 * positive differences. Up to {@value #EXACT_LIMIT} pairs the p-value is exact: the distribution of V over
 * all 2^n sign assignments of the observed ranks, counted by dynamic programming over doubled (hence
 * integer) ranks; without ties this is the classical signed-rank distribution, with ties it is the exact
 * conditional (permutation) distribution. Above that the normal approximation with tie and continuity
 * correction is used (as R's {@code wilcox.test}).
 *
 * <p>commons-math3's {@code WilcoxonSignedRankTest} is not used because it keeps zero differences in the
 * ranking and computes its exact p-value for untied ranks only.
 *
 * @param n number of non-zero differences (the effective sample size)
 * @param v sum of the ranks of the positive differences
 * @param p two-sided p-value ({@code NaN} when n is 0)
 * @param exact whether p comes from the exact distribution
 */
public record WilcoxonSignedRank(int n, double v, double p, boolean exact) {
    /** Largest number of pairs for which the exact distribution is computed. */
    public static final int EXACT_LIMIT = 50;

    /** The test of {@code a[i] - b[i]}; the arrays are paired by index and must have equal length. */
    public static WilcoxonSignedRank of(double[] a, double[] b) {
        // Differences equal up to rounding (0.7 - 1.9 against -1.2 - 0.0) are ties, not distinct ranks: rank
        // them on a grid of 1e-12 of the largest value.
        double grid = 1e-12 * Math.max(Arrays.stream(a).map(Math::abs).max().orElse(0),
                Arrays.stream(b).map(Math::abs).max().orElse(0));
        double[] d = Arrays.stream(Differences.of(a, b)).filter(x -> Math.abs(x) > grid).toArray();
        int n = d.length;
        if (n == 0) {
            return new WilcoxonSignedRank(0, 0, Double.NaN, true);
        }
        double[] abs = Arrays.stream(d).map(x -> Math.rint(Math.abs(x) / grid)).toArray();
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(abs);
        double v = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                v += ranks[i];
            }
        }
        return n <= EXACT_LIMIT ? new WilcoxonSignedRank(n, v, exactP(ranks, v), true)
                : new WilcoxonSignedRank(n, v, normalP(ranks, v), false);
    }

    /** The smallest two-sided p-value the exact test can produce with {@code n} untied pairs: 2 / 2^n. */
    public static double smallestP(int n) {
        return Math.min(1, Math.pow(2, 1 - n));
    }

    private static double exactP(double[] ranks, double v) {
        int[] doubled = Arrays.stream(ranks).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int total = Arrays.stream(doubled).sum();
        // counts[s]: sign assignments whose positive doubled ranks sum to s.
        double[] counts = new double[total + 1];
        counts[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            for (int s = reach; s >= 0; s--) {
                counts[s + r] += counts[s];
            }
            reach += r;
        }
        int observed = (int) Math.round(2 * v);
        double all = Math.pow(2, ranks.length);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= observed) {
                lower += counts[s];
            }
            if (s >= observed) {
                upper += counts[s];
            }
        }
        return Math.min(1, 2 * Math.min(lower, upper) / all);
    }

    private static double normalP(double[] ranks, double v) {
        int n = ranks.length;
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
            i = j;
        }
        double z = v - n * (n + 1) / 4.0;
        double sigma = Math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0 - ties / 48.0);
        z = (z - Math.signum(z) * 0.5) / sigma;
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        return Math.min(1, 2 * normal.cumulativeProbability(-Math.abs(z)));
    }
}
