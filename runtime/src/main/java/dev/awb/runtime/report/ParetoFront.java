package dev.awb.runtime.report;

import dev.awb.api.metric.Direction;

/**
 * The Pareto-optimal points of a two-objective comparison: a point is optimal when no other point is at
 * least as good on both objectives and strictly better on one.
 */
final class ParetoFront {
    private ParetoFront() {
    }

    /** Which of the points {@code (x[i], y[i])} are optimal; points with a NaN coordinate never are. */
    static boolean[] optimal(double[] x, double[] y, Direction dx, Direction dy) {
        boolean[] optimal = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < x.length && !dominated; j++) {
                if (j == i || Double.isNaN(x[j]) || Double.isNaN(y[j])) {
                    continue;
                }
                boolean noWorse = !dx.better(x[i], x[j]) && !dy.better(y[i], y[j]);
                boolean better = dx.better(x[j], x[i]) || dy.better(y[j], y[i]);
                dominated = noWorse && better;
            }
            optimal[i] = !dominated;
        }
        return optimal;
    }
}
