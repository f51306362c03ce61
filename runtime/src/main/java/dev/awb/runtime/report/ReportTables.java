package dev.awb.runtime.report;

import dev.awb.runtime.store.Split;
import dev.awb.runtime.report.Document.Cell;
import dev.awb.runtime.report.Document.Grid;
import dev.awb.runtime.report.StudyAnalysis.Group;
import dev.awb.api.metric.Direction;
import dev.awb.runtime.report.stats.PairedComparison;
import dev.awb.runtime.report.stats.PairedTTest;
import dev.awb.runtime.report.stats.Summary;
import dev.awb.runtime.report.stats.WilcoxonSignedRank;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The tables of a study report, built from its {@link StudyAnalysis} as format-free {@link Grid}s. */
final class ReportTables {
    /** Mark of a Holm-adjusted paired t-test p below 0.05 against the baseline. */
    static final String T_MARK = "*";
    /** Mark of a Holm-adjusted Wilcoxon p below 0.05 against the baseline. */
    static final String W_MARK = "†";

    private final StudyAnalysis a;

    ReportTables(StudyAnalysis analysis) {
        this.a = analysis;
    }

    /** Variants × metrics: mean ± std over seeds, best bold, significance marks against the baseline. */
    Grid results(String context) {
        List<String> headers = new ArrayList<>(List.of(variantHeader(), "n"));
        if (!a.design.budgetAxes.isEmpty()) {
            headers.add("best of budget");
        }
        headers.addAll(a.metrics);
        List<List<Cell>> rows = new ArrayList<>();
        for (String variant : a.design.variants) {
            Group group = new Group(context, variant);
            if (!a.selected.containsKey(group)) {
                continue;
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(variant));
            row.add(Cell.of(Integer.toString(a.selected.get(group).size())));
            if (!a.design.budgetAxes.isEmpty()) {
                row.add(Cell.of(a.chosenPoint.get(group)));
            }
            for (String metric : a.metrics) {
                Summary s = a.summary(group, metric);
                boolean best = s != null && s.n() > 0 && isBest(context, metric, s.mean());
                row.add(new Cell(Numbers.meanStd(s) + marks(context, variant, metric), best));
            }
            rows.add(row);
        }
        return new Grid(caption("Final metrics", context) + ": mean ± std over seeds; bold: best mean; " + T_MARK
                + ": paired t-test against " + a.design.baseline + " significant (Holm-adjusted p < 0.05); " + W_MARK
                + ": Wilcoxon signed-rank likewise", headers, rows);
    }

    /** Variant, metric, n, mean, std and t-based 95% interval. */
    Grid intervals(String context) {
        List<List<Cell>> rows = new ArrayList<>();
        for (String variant : a.design.variants) {
            for (String metric : concat(a.metrics, a.costMetrics)) {
                Summary s = a.summary(new Group(context, variant), metric);
                if (s != null && s.n() > 0) {
                    rows.add(cells(variant, metric, Integer.toString(s.n()), Numbers.num(s.mean()), Numbers.num(s.std()),
                            Numbers.interval(s.low(), s.high())));
                }
            }
        }
        return new Grid(caption("Means with 95% confidence intervals (Student t, over seeds)", context),
                List.of(variantHeader(), "metric", "n", "mean", "std", "95% CI"), rows);
    }

    /** Paired comparisons in {@code context}. */
    Grid comparisons(String context) {
        List<List<Cell>> rows = new ArrayList<>();
        for (StudyAnalysis.ComparisonRow row : a.comparisons) {
            if (!row.context().equals(context)) {
                continue;
            }
            PairedComparison c = row.comparison();
            PairedTTest t = c.tTest();
            WilcoxonSignedRank w = c.wilcoxon();
            rows.add(cells(c.variant(), c.reference(), row.metric(), Integer.toString(t.n()), Numbers.num(t.meanDifference()),
                    Numbers.interval(t.low(), t.high()), Numbers.num(t.t()), Numbers.p(t.p()), Numbers.p(c.tHolm()),
                    w.n() == 0 ? Numbers.NA : Numbers.num(w.v()), Numbers.p(w.p()), Numbers.p(c.wilcoxonHolm()),
                    Numbers.num(t.dz()), Numbers.num(t.gz()), c.verdict().text(), c.warning()));
        }
        return new Grid(caption("Paired comparisons over seeds", context), List.of(variantHeader(), "against", "metric",
                "n", "Δ mean", "95% CI of Δ", "t", "p (t)", "p (t, Holm)", "V", "p (Wilcoxon)", "p (Wilcoxon, Holm)",
                "d_z", "g_z", "verdict", "warning"), rows);
    }

    /** Cost per variant: mean ± std of every cost metric, best bold. */
    Grid cost(String context) {
        List<String> headers = new ArrayList<>(List.of(variantHeader()));
        headers.addAll(a.costMetrics.stream().map(m -> m.substring(m.indexOf('.') + 1)).toList());
        List<List<Cell>> rows = new ArrayList<>();
        for (String variant : a.design.variants) {
            Group group = new Group(context, variant);
            if (!a.selected.containsKey(group)) {
                continue;
            }
            List<Cell> row = new ArrayList<>(List.of(Cell.of(variant)));
            for (String metric : a.costMetrics) {
                Summary s = a.summary(group, metric);
                row.add(new Cell(Numbers.meanStd(s), s != null && s.n() > 0 && isBest(context, metric, s.mean())));
            }
            rows.add(row);
        }
        return new Grid(caption("Cost (mean ± std over seeds; bold: best)", context), headers, rows);
    }

    /** Every budget point: selection metric and reported metrics (means over seeds); the chosen point bold. */
    Grid sensitivity() {
        List<String> headers = new ArrayList<>(List.of("context", variantHeader(), "budget point", "n",
                a.select + " (selects)"));
        headers.addAll(a.metrics);
        List<List<Cell>> rows = new ArrayList<>();
        for (StudyAnalysis.SensitivityRow r : a.sensitivity) {
            List<Cell> row = new ArrayList<>();
            for (String text : List.of(r.group().context(), r.group().variant(), r.point(), Integer.toString(r.n()),
                    Numbers.num(r.select()))) {
                row.add(new Cell(text, r.chosen()));
            }
            a.metrics.forEach(m -> row.add(new Cell(Numbers.num(r.means().getOrDefault(m, Double.NaN)), r.chosen())));
            rows.add(row);
        }
        return new Grid("Budget sensitivity: every tuned point, means over seeds; bold: the point chosen by " + a.select,
                headers, rows);
    }

    /** Per-class precision, recall and F1 (mean ± std over seeds) when the metrics report them, else empty. */
    Optional<Grid> perClass(String context) {
        TreeSet<String> classes = new TreeSet<>();
        for (String metric : a.data.finalMetrics(Split.TEST.text())) {
            String name = metric.substring("test.".length());
            int slash = name.indexOf('/');
            if (slash > 0 && List.of("precision", "recall", "f1").contains(name.substring(0, slash))) {
                classes.add(name.substring(slash + 1));
            }
        }
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (String variant : a.design.variants) {
            List<ReportTrial> trials = a.selected.get(new Group(context, variant));
            if (trials == null) {
                continue;
            }
            for (String cls : classes) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(variant), Cell.of(cls)));
                for (String kind : List.of("precision", "recall", "f1", "support")) {
                    Map<Long, Double> values = a.values(trials, "test." + kind + "/" + cls);
                    row.add(Cell.of(values.isEmpty() ? "" : Numbers.meanStd(Summary.of(values.values().stream()
                            .mapToDouble(Double::doubleValue).toArray()))));
                }
                rows.add(row);
            }
        }
        return Optional.of(new Grid(caption("Per-class precision, recall and F1 on test (mean ± std over seeds)", context),
                List.of(variantHeader(), "class", "precision", "recall", "F1", "support"), rows));
    }

    /** Every trial with its labels, status and error. */
    Grid trials() {
        List<String> headers = new ArrayList<>(List.of("#", "trial", "seed"));
        headers.addAll(a.data.labelKeys);
        headers.addAll(List.of("status", "attempts", "error"));
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportTrial t : a.data.trials) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(Integer.toString(t.index())), Cell.of(t.id()),
                    Cell.of(Long.toString(t.seed()))));
            a.data.labelKeys.forEach(k -> row.add(Cell.of(t.label(k))));
            row.addAll(List.of(Cell.of(t.status()), Cell.of(Integer.toString(t.attempts())),
                    Cell.of(t.error() == null ? "" : t.error())));
            rows.add(row);
        }
        return new Grid("Trials", headers, rows);
    }

    boolean isBest(String context, String metric, double mean) {
        Direction direction = a.data.spec.direction(metric);
        for (String variant : a.design.variants) {
            Summary s = a.summary(new Group(context, variant), metric);
            if (s != null && s.n() > 0 && direction.better(s.mean(), mean)) {
                return false;
            }
        }
        return true;
    }

    /** The significance marks of {@code variant} against the baseline on {@code metric}. */
    String marks(String context, String variant, String metric) {
        StringBuilder marks = new StringBuilder();
        for (StudyAnalysis.ComparisonRow row : a.comparisons) {
            PairedComparison c = row.comparison();
            if (row.context().equals(context) && row.metric().equals(metric) && c.variant().equals(variant)
                    && c.reference().equals(a.design.baseline)) {
                marks.append(c.tHolm() < PairedComparison.ALPHA ? T_MARK : "")
                        .append(c.wilcoxonHolm() < PairedComparison.ALPHA ? W_MARK : "");
            }
        }
        return marks.toString();
    }

    String variantHeader() {
        return a.design.compare == null ? "group" : a.design.compare;
    }

    static String caption(String what, String context) {
        return context.isEmpty() ? what : what + " (" + context + ")";
    }

    private static List<Cell> cells(String... texts) {
        return java.util.Arrays.stream(texts).map(Cell::of).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(m -> !out.contains(m)).forEach(out::add);
        return out;
    }
}
