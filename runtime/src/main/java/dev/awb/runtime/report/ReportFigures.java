package dev.awb.runtime.report;

import dev.awb.runtime.report.Document.Figure;
import dev.awb.runtime.report.StudyAnalysis.Group;
import dev.awb.runtime.report.chart.IntervalChart;
import dev.awb.runtime.report.chart.LineChart;
import dev.awb.runtime.report.chart.ScatterChart;
import dev.awb.api.metric.Direction;
import dev.awb.runtime.report.stats.Summary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The charts of a study report: learning curves, metric per variant with intervals, quality against cost
 * with the Pareto front, and time and memory against sequence length on log–log axes with fitted slopes.
 * Figure file names are numbered, never derived from user strings.
 */
final class ReportFigures {
    /** A sweep axis is a sequence length when its last name segment says so, e.g. {@code data.with.length}. */
    private static final Pattern LENGTH = Pattern.compile("(^|[._])(length|seq_len|sequence_length|len)$");
    private static final List<String> PARETO_COSTS = List.of("cost.train_tokens_per_s", "cost.inference_tokens_per_s",
            "cost.peak_physical_bytes", "cost.parameters");

    private final StudyAnalysis a;
    private int count;

    ReportFigures(StudyAnalysis analysis) {
        this.a = analysis;
    }

    Figure figure(String title, dev.awb.runtime.report.chart.Svg svg) {
        return new Figure(String.format(Locale.ROOT, "figure-%02d", ++count), title, svg);
    }

    /** Per epoch metric: mean over seeds per variant with its 95% t band. */
    List<Figure> learningCurves(String context) {
        Set<String> keys = new LinkedHashSet<>();
        a.selected.values().forEach(ts -> ts.forEach(t -> keys.addAll(a.data.curves.getOrDefault(t.id(), Map.of())
                .keySet())));
        List<Figure> figures = new ArrayList<>();
        for (String key : keys.stream().sorted().toList()) {
            LineChart chart = new LineChart(ReportTables.caption(key + " per epoch", context), "epoch", key, false, false);
            for (String variant : a.design.variants) {
                List<ReportTrial> trials = a.selected.get(new Group(context, variant));
                if (trials == null) {
                    continue;
                }
                Map<Integer, List<Double>> byEpoch = new TreeMap<>();
                for (ReportTrial t : trials) {
                    a.data.curves.getOrDefault(t.id(), Map.of()).getOrDefault(key, Map.of())
                            .forEach((epoch, v) -> byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>()).add(v));
                }
                List<LineChart.Point> points = new ArrayList<>();
                byEpoch.forEach((epoch, vs) -> {
                    Summary s = Summary.of(vs.stream().mapToDouble(Double::doubleValue).toArray());
                    points.add(new LineChart.Point(epoch, s.mean(), s.low(), s.high()));
                });
                chart.add(new LineChart.Series(variant, points, "n=" + trials.size()));
            }
            figures.add(figure(chart.title(), chart.render()));
        }
        return figures;
    }

    /** One interval chart per reported metric. */
    List<Figure> intervals(String context) {
        List<Figure> figures = new ArrayList<>();
        for (String metric : a.metrics) {
            IntervalChart chart = new IntervalChart(ReportTables.caption(metric + ": mean and 95% CI", context), metric);
            for (String variant : a.design.variants) {
                Summary s = a.summary(new Group(context, variant), metric);
                if (s != null && s.n() > 0) {
                    chart.add(new IntervalChart.Entry(variant, s.mean(), s.low(), s.high(), s.n()));
                }
            }
            figures.add(figure(chart.title(), chart.render()));
        }
        return figures;
    }

    /** The first reported metric against each cost metric present, Pareto-optimal variants marked. */
    List<Figure> pareto(String context) {
        List<Figure> figures = new ArrayList<>();
        if (a.metrics.isEmpty()) {
            return figures;
        }
        String quality = a.metrics.get(0);
        for (String cost : PARETO_COSTS) {
            if (!a.costMetrics.contains(cost)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<double[]> xy = new ArrayList<>();
            for (String variant : a.design.variants) {
                Summary sx = a.summary(new Group(context, variant), cost);
                Summary sy = a.summary(new Group(context, variant), quality);
                if (sx != null && sy != null && sx.n() > 0 && sy.n() > 0) {
                    names.add(variant);
                    xy.add(new double[] {sx.mean(), sy.mean()});
                }
            }
            boolean[] optimal = ParetoFront.optimal(xy.stream().mapToDouble(p -> p[0]).toArray(),
                    xy.stream().mapToDouble(p -> p[1]).toArray(), a.data.spec.direction(cost), a.data.spec.direction(quality));
            String costName = cost.substring(cost.indexOf('.') + 1);
            ScatterChart chart = new ScatterChart(ReportTables.caption(quality + " against " + costName, context),
                    costName, quality, a.data.spec.direction(cost) == Direction.LOWER_IS_BETTER);
            for (int i = 0; i < names.size(); i++) {
                chart.add(new ScatterChart.Point(names.get(i), xy.get(i)[0], xy.get(i)[1], optimal[i]));
            }
            figures.add(figure(chart.title(), chart.render()));
        }
        return figures;
    }

    /** The swept sequence-length axis, when the study has one with at least two numeric values. */
    Optional<String> lengthAxis() {
        for (String axis : a.design.contextAxes) {
            if (LENGTH.matcher(axis).find()) {
                Set<String> values = new LinkedHashSet<>();
                a.data.trials.forEach(t -> values.add(t.label(axis)));
                if (values.size() >= 2 && values.stream().allMatch(v -> v.matches("[0-9.eE+-]+"))) {
                    return Optional.of(axis);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Time per sequence ({@code length / train_tokens_per_s}, likewise for inference) and peak memory against
     * length, log–log, one series per variant (and other context values), each with its least-squares slope in
     * log–log space: 1 is linear scaling, 2 quadratic.
     */
    List<Figure> scaling(String axis) {
        List<Figure> figures = new ArrayList<>();
        record Measure(String title, String metric, boolean perSequence) {
        }
        for (Measure m : List.of(new Measure("train seconds per sequence", "cost.train_tokens_per_s", true),
                new Measure("inference seconds per sequence", "cost.inference_tokens_per_s", true),
                new Measure("peak physical memory (bytes)", "cost.peak_physical_bytes", false))) {
            if (!a.costMetrics.contains(m.metric())) {
                continue;
            }
            Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
            for (Map.Entry<Group, List<ReportTrial>> e : a.selected.entrySet()) {
                ReportTrial first = e.getValue().get(0);
                double length = Double.parseDouble(first.label(axis));
                String rest = StudyDesign.join(first, a.design.contextAxes.stream().filter(x -> !x.equals(axis)).toList());
                String name = e.getKey().variant() + (rest.isEmpty() ? "" : " (" + rest + ")");
                double mean = StudyAnalysis.mean(a.values(e.getValue(), m.metric()));
                double y = m.perSequence() ? length / mean : mean;
                if (Double.isFinite(y) && y > 0) {
                    series.computeIfAbsent(name, k -> new TreeMap<>()).put(length, y);
                }
            }
            LineChart chart = new LineChart(m.title() + " against " + axis + " (log–log)", axis, m.title(), true, true);
            for (String variant : a.design.variants) {
                series.forEach((name, points) -> {
                    if (name.equals(variant) || name.startsWith(variant + " (")) {
                        chart.add(new LineChart.Series(name, points.entrySet().stream().map(p -> new LineChart.Point(
                                p.getKey(), p.getValue(), Double.NaN, Double.NaN)).toList(), slope(points)));
                    }
                });
            }
            figures.add(figure(chart.title(), chart.render()));
        }
        return figures;
    }

    /** "slope s" of the least-squares line through (log10 x, log10 y), or null with fewer than two points. */
    static String slope(Map<Double, Double> points) {
        if (points.size() < 2) {
            return null;
        }
        SimpleRegression fit = new SimpleRegression();
        points.forEach((x, y) -> fit.addData(Math.log10(x), Math.log10(y)));
        return String.format(Locale.ROOT, "slope %.2f", fit.getSlope());
    }
}
