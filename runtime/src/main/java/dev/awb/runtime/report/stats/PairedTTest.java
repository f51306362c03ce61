package dev.awb.runtime.report.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Student's paired t-test of {@code a - b} (differences per seed), two-sided, with the t-based 95% interval of
 * the mean difference and the standardized effect sizes Cohen's d_z and Hedges' g_z.
 *
 * <p>d_z = mean(d) / sd(d) (Cohen 1988, eq. 2.3.5); g_z = J · d_z with the small-sample correction
 * J = 1 - 3 / (4 (n - 1) - 1) (Hedges 1981; Lakens 2013, eq. 4). When fewer than two pairs exist, or the
 * differences are constant, t, p and the effect sizes are {@code NaN}: the test is undefined there. With exactly
 * two pairs g_z is {@code NaN} too: at one degree of freedom Hedges' exact correction
 * Γ(df/2) / (√(df/2) Γ((df − 1)/2)) is 0 (Γ(0) is infinite), so "g_z = 0" would claim no effect where the
 * correction is merely undefined.
 *
 * @param n number of pairs
 * @param meanDifference mean of a - b
 * @param low lower end of the 95% interval of the mean difference
 * @param high upper end of that interval
 * @param t the t statistic, n - 1 degrees of freedom
 * @param p two-sided p-value
 * @param dz Cohen's d_z
 * @param gz Hedges' g_z (d_z corrected for small-sample bias)
 */
public record PairedTTest(int n, double meanDifference, double low, double high, double t, double p, double dz,
        double gz) {

    /** The test of {@code a[i] - b[i]}; the arrays are paired by index and must have equal length. */
    public static PairedTTest of(double[] a, double[] b) {
        double[] d = Differences.of(a, b);
        int n = d.length;
        double mean = n == 0 ? Double.NaN : new Mean().evaluate(d);
        if (n < 2) {
            return new PairedTTest(n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = new StandardDeviation(true).evaluate(d);
        if (!(sd > 0)) {
            return new PairedTTest(n, mean, mean, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double t = mean / (sd / Math.sqrt(n));
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        double half = Summary.halfWidth(sd, n);
        double dz = mean / sd;
        double gz = n > 2 ? (1 - 3.0 / (4.0 * (n - 1) - 1)) * dz : Double.NaN;
        return new PairedTTest(n, mean, mean - half, mean + half, t, Math.min(1, p), dz, gz);
    }
}
