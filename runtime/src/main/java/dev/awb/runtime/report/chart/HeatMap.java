package dev.awb.runtime.report.chart;

import java.util.Locale;

/**
 * A matrix as a grid of shaded cells: attention weights, query positions down, key positions across,
 * white at 0 to dark blue at the matrix maximum.
 */
public final class HeatMap {
    private static final int CELLS = 360;

    private HeatMap() {
    }

    /**
     * Renders {@code weights[query][key]} with {@code title}; {@code tokens} (may be null) label the rows and
     * columns when there are at most 32 of them.
     */
    public static Svg render(String title, double[][] weights, int[] tokens) {
        int rows = weights.length;
        int cols = rows == 0 ? 0 : weights[0].length;
        double max = 0;
        for (double[] row : weights) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double cell = CELLS / (double) Math.max(1, Math.max(rows, cols));
        double left = 40;
        double top = 44;
        Svg svg = new Svg((int) (left + cols * cell + 70), (int) (top + rows * cell + 16));
        svg.text(left, 16, title, "start", 12, 0);
        svg.text(left, 32, String.format(Locale.ROOT, "keys across, queries down; max %.3g", max), "start", 10, 0);
        for (int q = 0; q < rows; q++) {
            for (int k = 0; k < cols; k++) {
                double v = weights[q][k];
                double t = max > 0 && Double.isFinite(v) ? Math.max(0, Math.min(1, v / max)) : 0;
                svg.rect(left + k * cell, top + q * cell, cell + 0.05, cell + 0.05, "fill=\"" + shade(t) + "\"");
            }
        }
        if (tokens != null && tokens.length <= 32) {
            for (int i = 0; i < Math.min(tokens.length, rows); i++) {
                svg.text(left - 4, top + (i + 0.7) * cell, Integer.toString(tokens[i]), "end", 8, 0);
            }
        }
        double barX = left + cols * cell + 14;
        for (int i = 0; i < 20; i++) {
            svg.rect(barX, top + i * rows * cell / 20, 12, rows * cell / 20 + 0.5, "fill=\"" + shade(1 - i / 19.0) + "\"");
        }
        svg.text(barX + 16, top + 8, Axis.label(max), "start", 9, 0);
        svg.text(barX + 16, top + rows * cell, "0", "start", 9, 0);
        return svg;
    }

    /** Linear blend from white (0) to #08306b (1). */
    static String shade(double t) {
        int r = (int) Math.round(255 + t * (8 - 255));
        int g = (int) Math.round(255 + t * (48 - 255));
        int b = (int) Math.round(255 + t * (107 - 255));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
