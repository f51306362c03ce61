package dev.awb.runtime.report.chart;

/**
 * Series colours: the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), distinguishable
 * with the common colour-vision deficiencies, cycled when there are more series.
 */
final class Palette {
    private static final String[] COLORS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
        "#000000", "#F0E442"};

    private Palette() {
    }

    static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
