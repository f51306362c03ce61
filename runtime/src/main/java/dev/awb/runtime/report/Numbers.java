package dev.awb.runtime.report;

import dev.awb.runtime.report.stats.Summary;
import java.util.Locale;

/** How numbers read in report tables: four significant digits, p-values to three, n/a for undefined. */
final class Numbers {
    static final String NA = "n/a";

    private Numbers() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return NA;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return NA;
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** {@code mean ± std}, or the mean alone below two values. */
    static String meanStd(Summary s) {
        if (s == null || s.n() == 0) {
            return NA;
        }
        return Double.isNaN(s.std()) ? num(s.mean()) : num(s.mean()) + " ± " + num(s.std());
    }

    static String interval(double low, double high) {
        return Double.isNaN(low) ? NA : "[" + num(low) + ", " + num(high) + "]";
    }
}
