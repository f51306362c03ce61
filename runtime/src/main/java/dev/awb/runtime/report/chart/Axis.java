package dev.awb.runtime.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear or base-10 logarithmic mapping from data values to pixels, with "nice" tick values (steps of
 * 1, 2 or 5 times a power of ten; Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
 */
final class Axis {
    private final double min;
    private final double max;
    private final boolean log;
    private final double from;
    private final double to;

    private Axis(double min, double max, boolean log, double from, double to) {
        this.min = min;
        this.max = max;
        this.log = log;
        this.from = from;
        this.to = to;
    }

    /**
     * The axis spanning the finite {@code values} (positive ones only when {@code log}) with 5% padding, mapped
     * onto pixels {@code from..to}; a degenerate span is widened so that the axis stays drawable.
     */
    static Axis over(double[] values, boolean log, double from, double to) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v) && (!log || v > 0)) {
                double t = log ? Math.log10(v) : v;
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double pad = log ? 0.5 : Math.max(Math.abs(hi) * 0.1, 0.5);
            lo -= pad;
            hi += pad;
        }
        double pad = (hi - lo) * 0.05;
        return new Axis(lo - pad, hi + pad, log, from, to);
    }

    boolean log() {
        return log;
    }

    /** Whether {@code v} can be placed on this axis. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    double map(double v) {
        double t = log ? Math.log10(v) : v;
        return from + (t - min) / (max - min) * (to - from);
    }

    /** Tick values inside the axis. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            boolean fewDecades = max - min < 2;
            for (int e = (int) Math.floor(min); e <= Math.ceil(max); e++) {
                for (int m : fewDecades ? new int[] {1, 2, 5} : new int[] {1}) {
                    double t = Math.log10(m) + e;
                    if (t >= min && t <= max) {
                        ticks.add(Math.pow(10, t));
                    }
                }
            }
            return ticks;
        }
        double step = nice((max - min) / 5);
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    private static double nice(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
    }

    /** A short label for a tick value. */
    static String label(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
