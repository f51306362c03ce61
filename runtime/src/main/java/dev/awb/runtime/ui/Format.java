package dev.awb.runtime.ui;

import java.util.Locale;

/** How the workbench prints numbers: four significant digits, plain integers, nothing for missing values. */
final class Format {
    private Format() {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
