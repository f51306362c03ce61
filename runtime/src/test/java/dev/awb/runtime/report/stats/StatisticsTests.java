package dev.awb.runtime.report.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.metric.Direction;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Known-answer tests of the statistics; every expected number names where it comes from. */
class StatisticsTests {
    /** R's datasets::sleep, extra hours of sleep under drug 1 and drug 2 for the same ten patients. */
    private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    /** Hollander and Wolfe (1973), p. 29, depression scale before (x) and after (y); R's ?wilcox.test example. */
    private static final double[] DEPRESSION_X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    private static final double[] DEPRESSION_Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    @Test
    void summaryHasTBasedInterval() {
        Summary s = Summary.of(new double[] {1, 2, 3, 4, 5});
        // mean 3, s = sqrt(2.5) = 1.5811388; t(0.975, 4) = 2.776445 (any t table);
        // half width 2.776445 * 1.5811388 / sqrt(5) = 1.963243.
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(1.5811388300841898, s.std(), 1e-12);
        assertEquals(1.036757, s.low(), 1e-6);
        assertEquals(4.963243, s.high(), 1e-6);
    }

    @Test
    void summaryOfOneValueHasNoSpread() {
        Summary s = Summary.of(new double[] {0.4});
        assertEquals(0.4, s.mean());
        assertTrue(Double.isNaN(s.std()) && Double.isNaN(s.low()));
    }

    @Test
    void pairedTTestMatchesRSleepExample() {
        // R 4.x: t.test(extra ~ group, data = sleep, paired = TRUE) (the example in ?t.test) prints
        // t = -4.0621, df = 9, p-value = 0.002833, 95 percent CI -2.4598858 -0.7001142, mean difference -1.58.
        PairedTTest t = PairedTTest.of(SLEEP_1, SLEEP_2);
        assertEquals(10, t.n());
        assertEquals(-1.58, t.meanDifference(), 1e-12);
        assertEquals(-4.0621, t.t(), 5e-5);
        assertEquals(0.002833, t.p(), 5e-7);
        assertEquals(-2.4598858, t.low(), 5e-8);
        assertEquals(-0.7001142, t.high(), 5e-8);
        // d_z = t / sqrt(n) = -4.0621 / sqrt(10) = -1.28455 (Lakens 2013, eq. 7);
        // g_z = d_z * (1 - 3 / (4 * 9 - 1)) = -1.28455 * 0.9142857 = -1.17445.
        assertEquals(-1.28455, t.dz(), 5e-5);
        assertEquals(-1.17445, t.gz(), 5e-5);
    }

    @Test
    void hedgesGzIsUndefinedWithTwoPairsWhileCohensDzIsNot() {
        // d = (1, 3): mean 2, sd sqrt(2), d_z = 2 / sqrt(2) = 1.41421; the correction would be 1 - 3/3 = 0.
        PairedTTest t = PairedTTest.of(new double[] {2, 5}, new double[] {1, 2});
        assertEquals(1.41421, t.dz(), 5e-5);
        assertTrue(Double.isNaN(t.gz()), "g_z with n = 2 is " + t.gz());
    }

    @Test
    void pairedTTestIsUndefinedForConstantDifferences() {
        PairedTTest t = PairedTTest.of(new double[] {2, 3, 4}, new double[] {1, 2, 3});
        assertEquals(1.0, t.meanDifference(), 1e-12);
        assertTrue(Double.isNaN(t.p()));
    }

    @Test
    void wilcoxonMatchesRDepressionExample() {
        // R: wilcox.test(x, y, paired = TRUE, alternative = "greater") gives V = 40, p-value = 0.01953
        // (= 10 / 512, the sign assignments of ranks 1..9 whose negative ranks sum to at most 5); two-sided is
        // twice that, 0.0390625.
        WilcoxonSignedRank w = WilcoxonSignedRank.of(DEPRESSION_X, DEPRESSION_Y);
        assertEquals(9, w.n());
        assertEquals(40.0, w.v());
        assertEquals(0.0390625, w.p(), 1e-12);
        assertTrue(w.exact());
    }

    @Test
    void wilcoxonWithTiesAndZerosUsesExactConditionalDistribution() {
        // Expected values from brute force in Python: drop zeros, average ranks of |d|, enumerate all 2^n sign
        // assignments of those ranks and count sums <= V and >= V (p = min(1, 2 * min(lower, upper) / 2^n)).
        // d = [1,-2,2,3,3,-3,-1,4,0,5,-5,2] -> n = 11, V = 43.0, p = 0.4072265625
        double[] d1 = {1, -2, 2, 3, 3, -3, -1, 4, 0, 5, -5, 2};
        WilcoxonSignedRank w = WilcoxonSignedRank.of(d1, new double[d1.length]);
        assertEquals(11, w.n());
        assertEquals(43.0, w.v());
        assertEquals(0.4072265625, w.p(), 1e-12);
        // d = [0.5,-1.5,1.5,2.5,0.5,-0.5,3.5] -> n = 7, V = 21.5, p = 0.265625
        double[] d2 = {0.5, -1.5, 1.5, 2.5, 0.5, -0.5, 3.5};
        WilcoxonSignedRank w2 = WilcoxonSignedRank.of(d2, new double[d2.length]);
        assertEquals(21.5, w2.v());
        assertEquals(0.265625, w2.p(), 1e-12);
    }

    @Test
    void wilcoxonTreatsRoundingNoiseAsTies() {
        // Sleep data: differences -1.2, -2.4, -1.3, -1.3, 0, -1.0, -1.8, -0.8, -4.6, -1.4 (computed as
        // -0.2 - 1.1 and -1.2 - 0.1, unequal in binary). The zero drops: n = 9, all negative, V = 0, and only
        // the all-negative assignment reaches 0: p = 2 / 2^9 = 0.00390625.
        WilcoxonSignedRank w = WilcoxonSignedRank.of(SLEEP_1, SLEEP_2);
        assertEquals(9, w.n());
        assertEquals(0.0, w.v());
        assertEquals(0.00390625, w.p(), 1e-12);
    }

    @Test
    void wilcoxonUsesNormalApproximationForLargeSamples() {
        // d_i = i - 20.5, i = 1..60 (ties in |d|). R's wilcox.test normal approximation with tie and continuity
        // correction, evaluated in Python with math.erfc: V = 1420, p = 0.00020386339085503655.
        double[] d = IntStream.rangeClosed(1, 60).mapToDouble(i -> i - 20.5).toArray();
        WilcoxonSignedRank w = WilcoxonSignedRank.of(d, new double[d.length]);
        assertEquals(60, w.n());
        assertEquals(1420.0, w.v());
        assertEquals(0.00020386339085503655, w.p(), 1e-12);
        assertTrue(!w.exact());
    }

    @Test
    void holmAdjustsStepDown() {
        // By hand (Holm 1979): sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04;
        // running maximum makes the last 0.06. NaN is not a test and does not count.
        double[] adjusted = HolmCorrection.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, Double.NaN, 0.06, 0.02}, adjusted, 1e-12);
        assertArrayEquals(new double[] {1.0}, HolmCorrection.adjust(new double[] {1.0}), 0);
    }

    @Test
    void verdictRespectsMetricDirection() {
        double[] base = {0.50, 0.52, 0.49, 0.51, 0.50, 0.53};
        double[] high = {0.60, 0.63, 0.58, 0.62, 0.61, 0.64};
        double[] same = {0.51, 0.50, 0.50, 0.52, 0.49, 0.53};
        List<PairedComparison> accuracy = PairedComparison.family(List.of(
                new PairedComparison.Pair("high", "base", high, base),
                new PairedComparison.Pair("same", "base", same, base)), Direction.HIGHER_IS_BETTER);
        assertEquals(Verdict.BETTER, accuracy.get(0).verdict());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, accuracy.get(1).verdict());
        List<PairedComparison> loss = PairedComparison.family(List.of(
                new PairedComparison.Pair("high", "base", high, base)), Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.WORSE, loss.get(0).verdict());
    }

    @Test
    void warnsWhenSeedsAreTooFewForSignificance() {
        // Exact Wilcoxon: smallest two-sided p = 2 / 2^n: n = 5 gives 0.0625 >= 0.05, n = 6 gives 0.03125;
        // with Holm over 2 comparisons n = 6 gives 0.0625 again.
        assertTrue(PairedComparison.warning(5, 1).contains("never reach"));
        assertEquals("", PairedComparison.warning(6, 1));
        assertTrue(PairedComparison.warning(6, 2).contains("after Holm over 2"));
        assertTrue(PairedComparison.warning(1, 1).contains("no test"));
    }
}
