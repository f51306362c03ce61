package dev.awb.runtime.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines over x with an optional band per series (a mean with its interval over seeds), on linear or
 * logarithmic axes: learning curves, and time or memory against sequence length.
 */
public final class LineChart {
    /** A point; {@code low}/{@code high} bound the band and may be {@code NaN}. */
    public record Point(double x, double y, double low, double high) {
    }

    /** A named series; {@code note} (may be null) is printed under its legend entry. */
    public record Series(String name, List<Point> points, String note) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.logX = logX;
        this.logY = logY;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    public String title() {
        return title;
    }

    public Svg render() {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Series s : series) {
            for (Point p : s.points()) {
                xs.add(p.x());
                ys.add(p.y());
                ys.add(p.low());
                ys.add(p.high());
            }
        }
        Axis x = Axis.over(xs.stream().mapToDouble(Double::doubleValue).toArray(), logX, Frame.LEFT, Frame.RIGHT);
        Axis y = Axis.over(ys.stream().mapToDouble(Double::doubleValue).toArray(), logY, Frame.BOTTOM, Frame.TOP);
        Svg svg = new Svg(Frame.WIDTH, Frame.HEIGHT);
        Frame.draw(svg, title, x, y, xTitle, yTitle);
        for (int i = 0; i < series.size(); i++) {
            draw(svg, series.get(i), x, y, Palette.color(i));
        }
        Frame.legend(svg, series.stream().map(Series::name).toList(), series.stream().map(Series::note).toList());
        return svg;
    }

    private static void draw(Svg svg, Series s, Axis x, Axis y, String color) {
        List<Point> band = s.points().stream().filter(p -> x.accepts(p.x()) && y.accepts(p.low())
                && y.accepts(p.high())).toList();
        if (band.size() > 1) {
            double[] xy = new double[band.size() * 4];
            for (int i = 0; i < band.size(); i++) {
                Point p = band.get(i);
                Point q = band.get(band.size() - 1 - i);
                xy[2 * i] = x.map(p.x());
                xy[2 * i + 1] = y.map(p.high());
                xy[2 * band.size() + 2 * i] = x.map(q.x());
                xy[2 * band.size() + 2 * i + 1] = y.map(q.low());
            }
            svg.path(xy, true, "fill=\"" + color + "\" fill-opacity=\"0.18\" stroke=\"none\"");
        }
        List<Point> line = s.points().stream().filter(p -> x.accepts(p.x()) && y.accepts(p.y())).toList();
        double[] xy = new double[line.size() * 2];
        for (int i = 0; i < line.size(); i++) {
            xy[2 * i] = x.map(line.get(i).x());
            xy[2 * i + 1] = y.map(line.get(i).y());
        }
        if (line.size() > 1) {
            svg.path(xy, false, "fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"");
        }
        if (line.size() <= 40) {
            for (int i = 0; i < line.size(); i++) {
                svg.circle(xy[2 * i], xy[2 * i + 1], 2.5, "fill=\"" + color + "\"", null);
            }
        }
    }
}
