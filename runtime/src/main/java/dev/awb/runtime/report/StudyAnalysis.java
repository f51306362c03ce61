package dev.awb.runtime.report;

import dev.awb.runtime.store.Split;
import dev.awb.api.metric.Direction;
import dev.awb.runtime.report.stats.PairedComparison;
import dev.awb.runtime.report.stats.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of a study report: the trials kept per (context, variant) after best-of-budget selection,
 * summaries over seeds, paired comparisons and the budget sensitivity grid.
 *
 * <p>Best of budget: within one context and variant, the budget point with the best mean selection metric
 * over seeds (a validation metric, so that the test split stays untouched by the choice) is kept, and its
 * test metrics are reported. Only finished trials count.
 */
final class StudyAnalysis {
    /** One cell of the design: a context (combination of the other axes) and a compared value. */
    record Group(String context, String variant) {
    }

    record SummaryRow(Group group, String metric, Summary summary) {
    }

    record ComparisonRow(String context, String metric, PairedComparison comparison) {
    }

    /** One budget point of a group: its selection metric and every reported metric, means over seeds. */
    record SensitivityRow(Group group, String point, boolean chosen, int n, double select, Map<String, Double> means) {
    }

    final StudyData data;
    final StudyDesign design;
    final List<String> metrics;
    final List<String> costMetrics;
    final String select;
    final Map<Group, List<ReportTrial>> selected = new LinkedHashMap<>();
    final Map<Group, String> chosenPoint = new LinkedHashMap<>();
    final List<SensitivityRow> sensitivity = new ArrayList<>();
    final Map<Group, Map<String, Summary>> summaries = new LinkedHashMap<>();
    final List<ComparisonRow> comparisons = new ArrayList<>();

    private StudyAnalysis(StudyData data, boolean allPairs) {
        this.data = data;
        this.design = StudyDesign.of(data);
        List<String> declared = data.spec.metrics();
        this.metrics = declared.isEmpty() ? data.finalMetrics(Split.TEST.text()).stream().filter(m -> !m.contains("/")).toList()
                : declared;
        this.costMetrics = data.finalMetrics(Split.COST.text());
        this.select = selectionMetric();
        selectBudget();
        for (Map.Entry<Group, List<ReportTrial>> entry : selected.entrySet()) {
            Map<String, Summary> byMetric = new LinkedHashMap<>();
            for (String metric : concat(metrics, costMetrics)) {
                byMetric.put(metric, Summary.of(values(entry.getValue(), metric).values().stream()
                        .mapToDouble(Double::doubleValue).toArray()));
            }
            summaries.put(entry.getKey(), byMetric);
        }
        compare(allPairs);
    }

    /** Analyses {@code data}; {@code allPairs} compares every pair of variants, not only against the baseline. */
    static StudyAnalysis of(StudyData data, boolean allPairs) {
        return new StudyAnalysis(data, allPairs);
    }

    /** Summary of {@code metric} in {@code group}, or null when the group has no trial. */
    Summary summary(Group group, String metric) {
        Map<String, Summary> byMetric = summaries.get(group);
        return byMetric == null ? null : byMetric.get(metric);
    }

    /** Final values of {@code metric} by seed (duplicates of a seed averaged), seeds ascending. */
    Map<Long, Double> values(List<ReportTrial> trials, String metric) {
        Map<Long, double[]> sums = new TreeMap<>();
        for (ReportTrial t : trials) {
            Double v = data.finalValue(t, metric);
            if (v != null && !v.isNaN()) {
                double[] s = sums.computeIfAbsent(t.seed(), k -> new double[2]);
                s[0] += v;
                s[1]++;
            }
        }
        Map<Long, Double> out = new TreeMap<>();
        sums.forEach((seed, s) -> out.put(seed, s[0] / s[1]));
        return out;
    }

    private String selectionMetric() {
        if (design.budgetAxes.isEmpty()) {
            return null;
        }
        if (data.spec.select() != null) {
            return data.spec.select();
        }
        String first = metrics.isEmpty() ? "test.loss" : metrics.get(0);
        return "validation." + first.substring(first.indexOf('.') + 1);
    }

    private void selectBudget() {
        Map<Group, Map<String, List<ReportTrial>>> byPoint = new LinkedHashMap<>();
        for (String context : design.contexts) {
            for (String variant : design.variants) {
                byPoint.put(new Group(context, variant), new LinkedHashMap<>());
            }
        }
        for (ReportTrial t : data.trials) {
            if (t.finished()) {
                byPoint.get(new Group(design.context(t), design.variant(t)))
                        .computeIfAbsent(design.budgetPoint(t), k -> new ArrayList<>()).add(t);
            }
        }
        Direction direction = data.spec.selectDirection();
        for (Map.Entry<Group, Map<String, List<ReportTrial>>> entry : byPoint.entrySet()) {
            String best = null;
            double bestValue = Double.NaN;
            List<SensitivityRow> rows = new ArrayList<>();
            for (Map.Entry<String, List<ReportTrial>> point : entry.getValue().entrySet()) {
                double value = select == null ? Double.NaN : mean(values(point.getValue(), select));
                if (best == null || (!Double.isNaN(value) && (Double.isNaN(bestValue) || direction.better(value, bestValue)))) {
                    best = point.getKey();
                    bestValue = value;
                }
                Map<String, Double> means = new LinkedHashMap<>();
                metrics.forEach(m -> means.put(m, mean(values(point.getValue(), m))));
                rows.add(new SensitivityRow(entry.getKey(), point.getKey(), false, point.getValue().size(), value, means));
            }
            if (best == null) {
                continue;
            }
            selected.put(entry.getKey(), entry.getValue().get(best));
            chosenPoint.put(entry.getKey(), best);
            for (SensitivityRow row : rows) {
                sensitivity.add(new SensitivityRow(row.group(), row.point(), row.point().equals(best), row.n(),
                        row.select(), row.means()));
            }
        }
    }

    private void compare(boolean allPairs) {
        for (String context : design.contexts) {
            for (String metric : metrics) {
                List<PairedComparison.Pair> family = new ArrayList<>();
                List<String> vs = design.variants;
                for (int i = 0; i < vs.size(); i++) {
                    for (int j = i + 1; j < vs.size(); j++) {
                        if (i == 0 || allPairs) {
                            pair(context, metric, vs.get(j), vs.get(i), family);
                        }
                    }
                }
                for (PairedComparison c : PairedComparison.family(family, data.spec.direction(metric))) {
                    comparisons.add(new ComparisonRow(context, metric, c));
                }
            }
        }
    }

    private void pair(String context, String metric, String variant, String reference,
            List<PairedComparison.Pair> family) {
        List<ReportTrial> a = selected.get(new Group(context, variant));
        List<ReportTrial> b = selected.get(new Group(context, reference));
        if (a == null || b == null) {
            return;
        }
        Map<Long, Double> va = values(a, metric);
        Map<Long, Double> vb = values(b, metric);
        List<Long> seeds = va.keySet().stream().filter(vb::containsKey).toList();
        family.add(new PairedComparison.Pair(variant, reference, seeds.stream().mapToDouble(va::get).toArray(),
                seeds.stream().mapToDouble(vb::get).toArray()));
    }

    static double mean(Map<Long, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(m -> !out.contains(m)).forEach(out::add);
        return out;
    }
}
