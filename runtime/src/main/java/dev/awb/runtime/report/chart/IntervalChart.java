package dev.awb.runtime.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One metric per category (variant): the mean as a dot and its confidence interval as a whisker. */
public final class IntervalChart {
    /** A category's mean and interval ({@code low}/{@code high} may be {@code NaN}). */
    public record Entry(String name, double mean, double low, double high, int n) {
    }

    private final String title;
    private final String yTitle;
    private final List<Entry> entries = new ArrayList<>();

    public IntervalChart(String title, String yTitle) {
        this.title = title;
        this.yTitle = yTitle;
    }

    public IntervalChart add(Entry e) {
        entries.add(e);
        return this;
    }

    public String title() {
        return title;
    }

    public Svg render() {
        double[] values = entries.stream().flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.mean(), e.low(),
                e.high())).toArray();
        Axis y = Axis.over(values, false, Frame.BOTTOM, Frame.TOP);
        double[] positions = new double[entries.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Axis x = Axis.over(new double[] {-0.6, entries.size() - 0.4}, false, Frame.LEFT, Frame.RIGHT);
        Svg svg = new Svg(Frame.WIDTH, Frame.HEIGHT);
        svg.text(Frame.WIDTH / 2.0, 18, title, "middle", 14, 0);
        for (double t : y.ticks()) {
            svg.line(Frame.LEFT, y.map(t), Frame.RIGHT, y.map(t), "stroke=\"#e5e5e5\"");
            svg.text(Frame.LEFT - 6, y.map(t) + 4, Axis.label(t), "end", 11, 0);
        }
        svg.rect(Frame.LEFT, Frame.TOP, Frame.RIGHT - Frame.LEFT, Frame.BOTTOM - Frame.TOP, "fill=\"none\" stroke=\"#888\"");
        svg.text(16, (Frame.TOP + Frame.BOTTOM) / 2, yTitle, "middle", 12, -90);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double px = x.map(positions[i]);
            String color = Palette.color(i);
            if (Double.isFinite(e.low()) && Double.isFinite(e.high())) {
                svg.line(px, y.map(e.low()), px, y.map(e.high()), "stroke=\"" + color + "\" stroke-width=\"2\"");
                svg.line(px - 6, y.map(e.low()), px + 6, y.map(e.low()), "stroke=\"" + color + "\" stroke-width=\"2\"");
                svg.line(px - 6, y.map(e.high()), px + 6, y.map(e.high()), "stroke=\"" + color + "\" stroke-width=\"2\"");
            }
            if (Double.isFinite(e.mean())) {
                svg.circle(px, y.map(e.mean()), 4.5, "fill=\"" + color + "\"", String.format(Locale.ROOT,
                        "%s: %.4g [%.4g, %.4g], n=%d", e.name(), e.mean(), e.low(), e.high(), e.n()));
            }
            svg.text(px, Frame.BOTTOM + 16, Frame.shorten(e.name()), "middle", 11, 0);
        }
        Frame.legend(svg, entries.stream().map(Entry::name).toList(), entries.stream()
                .map(e -> String.format(Locale.ROOT, "%.4g, n=%d", e.mean(), e.n())).toList());
        return svg;
    }
}
