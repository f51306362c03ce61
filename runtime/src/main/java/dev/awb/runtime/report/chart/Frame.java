package dev.awb.runtime.report.chart;

import java.util.List;

/**
 * The plot area shared by the x–y charts: fixed size, margins for tick labels, axis titles and a legend on
 * the right.
 */
final class Frame {
    static final int WIDTH = 640;
    static final int HEIGHT = 340;
    static final double LEFT = 70;
    static final double RIGHT = WIDTH - 170;
    static final double TOP = 30;
    static final double BOTTOM = HEIGHT - 50;
    private static final int LEGEND_CHARS = 26;

    private Frame() {
    }

    /** Draws title, grid, ticks and axis titles onto {@code svg}. */
    static void draw(Svg svg, String title, Axis x, Axis y, String xTitle, String yTitle) {
        svg.text(WIDTH / 2.0, 18, title, "middle", 14, 0);
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.line(LEFT, py, RIGHT, py, "stroke=\"#e5e5e5\"");
            svg.text(LEFT - 6, py + 4, Axis.label(t), "end", 11, 0);
        }
        for (double t : x.ticks()) {
            double px = x.map(t);
            svg.line(px, TOP, px, BOTTOM, "stroke=\"#f0f0f0\"");
            svg.text(px, BOTTOM + 16, Axis.label(t), "middle", 11, 0);
        }
        svg.rect(LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP, "fill=\"none\" stroke=\"#888\"");
        svg.text((LEFT + RIGHT) / 2, HEIGHT - 12, xTitle, "middle", 12, 0);
        svg.text(16, (TOP + BOTTOM) / 2, yTitle, "middle", 12, -90);
    }

    /** Draws a legend of {@code names} in palette order, with {@code notes} (may hold nulls) under each. */
    static void legend(Svg svg, List<String> names, List<String> notes) {
        double y = TOP + 8;
        for (int i = 0; i < names.size() && y < HEIGHT - 10; i++) {
            svg.rect(RIGHT + 12, y - 8, 12, 10, "fill=\"" + Palette.color(i) + "\"");
            svg.text(RIGHT + 30, y + 1, shorten(names.get(i)), "start", 11, 0);
            y += 15;
            if (notes != null && notes.get(i) != null) {
                svg.text(RIGHT + 30, y, shorten(notes.get(i)), "start", 10, 0);
                y += 14;
            }
        }
    }

    static String shorten(String text) {
        return text.length() <= LEGEND_CHARS ? text : text.substring(0, LEGEND_CHARS - 1) + "…";
    }
}
