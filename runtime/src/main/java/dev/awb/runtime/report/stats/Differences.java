package dev.awb.runtime.report.stats;

/** Paired differences {@code a[i] - b[i]}. */
final class Differences {
    private Differences() {
    }

    static double[] of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, found [" + a.length + "] and ["
                    + b.length + "]");
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
