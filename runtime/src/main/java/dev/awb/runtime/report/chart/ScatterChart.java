package dev.awb.runtime.report.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Quality against cost, one point per variant, the Pareto-optimal points joined and ringed. */
public final class ScatterChart {
    /** A variant's point; {@code optimal} marks it as on the Pareto front. */
    public record Point(String name, double x, double y, boolean optimal) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final boolean logX;
    private final List<Point> points = new ArrayList<>();

    public ScatterChart(String title, String xTitle, String yTitle, boolean logX) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.logX = logX;
    }

    public ScatterChart add(Point p) {
        points.add(p);
        return this;
    }

    public String title() {
        return title;
    }

    public Svg render() {
        Axis x = Axis.over(points.stream().mapToDouble(Point::x).toArray(), logX, Frame.LEFT, Frame.RIGHT);
        Axis y = Axis.over(points.stream().mapToDouble(Point::y).toArray(), false, Frame.BOTTOM, Frame.TOP);
        Svg svg = new Svg(Frame.WIDTH, Frame.HEIGHT);
        Frame.draw(svg, title, x, y, xTitle, yTitle);
        List<Point> front = points.stream().filter(p -> p.optimal() && x.accepts(p.x()) && y.accepts(p.y()))
                .sorted(Comparator.comparingDouble(Point::x)).toList();
        if (front.size() > 1) {
            double[] xy = new double[front.size() * 2];
            for (int i = 0; i < front.size(); i++) {
                xy[2 * i] = x.map(front.get(i).x());
                xy[2 * i + 1] = y.map(front.get(i).y());
            }
            svg.path(xy, false, "fill=\"none\" stroke=\"#444\" stroke-dasharray=\"5 4\"");
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!x.accepts(p.x()) || !y.accepts(p.y())) {
                continue;
            }
            String tip = String.format(Locale.ROOT, "%s: %s %.4g, %s %.4g%s", p.name(), xTitle, p.x(), yTitle, p.y(),
                    p.optimal() ? " (Pareto-optimal)" : "");
            if (p.optimal()) {
                svg.circle(x.map(p.x()), y.map(p.y()), 9, "fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\"", null);
            }
            svg.circle(x.map(p.x()), y.map(p.y()), 5, "fill=\"" + Palette.color(i) + "\"", tip);
        }
        Frame.legend(svg, points.stream().map(Point::name).toList(),
                points.stream().map(p -> p.optimal() ? "Pareto-optimal" : null).toList());
        return svg;
    }
}
