package dev.awb.runtime.report.stats;

import dev.awb.api.metric.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One variant against a reference on one metric over seeds: paired t-test and Wilcoxon signed-rank test,
 * both Holm-corrected over the family of comparisons made for that metric, effect size and a verdict.
 *
 * <p>The verdict follows the Holm-corrected paired t-test at {@value #ALPHA}: significant and better in the
 * metric's {@link Direction} gives {@link Verdict#BETTER}, significant and worse {@link Verdict#WORSE},
 * otherwise {@link Verdict#NO_SIGNIFICANT_DIFFERENCE}; an undefined test gives {@link Verdict#NOT_TESTED}. The
 * t-test leads because the Wilcoxon test cannot reach significance with fewer than six seeds, the usual
 * size of a study; the Wilcoxon p-value is reported beside it as the distribution-free check.
 *
 * @param variant the compared value
 * @param reference the value it is compared against (the baseline)
 * @param tTest paired t-test of variant - reference
 * @param wilcoxon Wilcoxon signed-rank test of variant - reference
 * @param tHolm Holm-adjusted p of the t-test
 * @param wilcoxonHolm Holm-adjusted p of the Wilcoxon test
 * @param verdict the outcome for the variant
 * @param warning why the tests cannot reach significance at this n, or empty
 */
public record PairedComparison(String variant, String reference, PairedTTest tTest, WilcoxonSignedRank wilcoxon,
        double tHolm, double wilcoxonHolm, Verdict verdict, String warning) {
    /** Significance level of every verdict. */
    public static final double ALPHA = 0.05;

    /** One pair of samples to compare: {@code variant[i]} and {@code reference[i]} come from the same seed. */
    public record Pair(String variant, String reference, double[] variantValues, double[] referenceValues) {
    }

    /** Compares every pair in {@code family}, correcting the p-values over the family with Holm's method. */
    public static List<PairedComparison> family(List<Pair> family, Direction direction) {
        int m = family.size();
        double[] pT = new double[m];
        double[] pW = new double[m];
        List<PairedTTest> tests = new ArrayList<>();
        List<WilcoxonSignedRank> wilcoxons = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Pair pair = family.get(i);
            tests.add(PairedTTest.of(pair.variantValues(), pair.referenceValues()));
            wilcoxons.add(WilcoxonSignedRank.of(pair.variantValues(), pair.referenceValues()));
            pT[i] = tests.get(i).p();
            pW[i] = wilcoxons.get(i).p();
        }
        double[] holmT = HolmCorrection.adjust(pT);
        double[] holmW = HolmCorrection.adjust(pW);
        List<PairedComparison> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            PairedTTest t = tests.get(i);
            out.add(new PairedComparison(family.get(i).variant(), family.get(i).reference(), t, wilcoxons.get(i),
                    holmT[i], holmW[i], verdict(t, holmT[i], direction), warning(t.n(), m)));
        }
        return out;
    }

    private static Verdict verdict(PairedTTest t, double adjusted, Direction direction) {
        if (Double.isNaN(adjusted)) {
            return Verdict.NOT_TESTED;
        }
        if (adjusted >= ALPHA) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        return direction.better(t.meanDifference(), 0) ? Verdict.BETTER : Verdict.WORSE;
    }

    /**
     * Why a comparison of {@code n} paired seeds in a family of {@code m} cannot come out significant, or empty:
     * below two pairs no test exists; the exact Wilcoxon test's smallest p (2 / 2^n) times the Holm factor m
     * must fall below {@link #ALPHA}.
     */
    public static String warning(int n, int m) {
        if (n < 2) {
            return String.format(Locale.ROOT, "n=%d paired seed(s): no test possible", n);
        }
        double smallest = WilcoxonSignedRank.smallestP(n) * m;
        if (smallest >= ALPHA) {
            return String.format(Locale.ROOT, "n=%d paired seeds: Wilcoxon can never reach p<%.2f (smallest p %.3g%s)",
                    n, ALPHA, Math.min(1, smallest), m > 1 ? " after Holm over " + m : "");
        }
        return "";
    }
}
