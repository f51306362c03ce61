package dev.awb.runtime.report.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Mean, sample standard deviation and t-based confidence interval of a metric over seeds.
 *
 * <p>The interval is {@code mean ± t(1 - (1 - level) / 2, n - 1) · s / √n} (Student's t, assuming the seed
 * results are a sample from a normal distribution). With fewer than two values the standard deviation and the
 * interval are {@code NaN}.
 *
 * @param n number of values
 * @param mean arithmetic mean ({@code NaN} when n is 0)
 * @param std sample standard deviation (denominator n - 1)
 * @param low lower end of the confidence interval
 * @param high upper end of the confidence interval
 */
public record Summary(int n, double mean, double std, double low, double high) {
    /** Confidence level of every interval in the report. */
    public static final double LEVEL = 0.95;

    /** The summary of {@code values} with a 95% interval. */
    public static Summary of(double[] values) {
        int n = values.length;
        double mean = n == 0 ? Double.NaN : new Mean().evaluate(values);
        if (n < 2) {
            return new Summary(n, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double std = new StandardDeviation(true).evaluate(values);
        double half = halfWidth(std, n);
        return new Summary(n, mean, std, mean - half, mean + half);
    }

    /** Half width of the t interval for a sample of {@code n} with standard deviation {@code std}. */
    static double halfWidth(double std, int n) {
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        return t * std / Math.sqrt(n);
    }
}
