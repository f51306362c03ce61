package dev.awb.runtime.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a study compares, resolved from the file's {@code sweep}, {@code tune} and {@code report} sections: the
 * compared axis (the one named by {@code report.compare}, else the only sweep axis), its baseline value
 * (else its first value), the headline metrics, the budget axes and the selection metric.
 */
final class StudySpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json = JSON.createObjectNode();
    private final List<Problem> problems = new ArrayList<>();
    private final String counts;

    private StudySpec(ExperimentFile file) {
        List<ExperimentFile.Axis> sweepAxes = file.sweep().stream().flatMap(d -> d.axes().stream()).toList();
        List<ExperimentFile.Axis> budgetAxes = file.tuning() == null ? List.of()
                : file.tuning().budget().stream().flatMap(d -> d.axes().stream()).toList();
        ExperimentFile.Axis compare = null;
        ExperimentFile.ReportSettings report = file.report();
        List<String> names = sweepAxes.stream().map(ExperimentFile.Axis::name).toList();
        if (report != null && report.compare() != null) {
            String wanted = String.valueOf(report.compare().value());
            compare = sweepAxes.stream().filter(a -> a.name().equals(wanted)).findFirst().orElse(null);
            if (compare == null) {
                problems.add(new Problem(report.compare().location(), "report.compare: '" + wanted
                        + "' is not a sweep axis" + Suggestions.didYouMean(wanted, names) + "; sweep axes: " + names));
            }
        } else if (sweepAxes.size() == 1) {
            compare = sweepAxes.get(0);
        }
        String baseline = null;
        if (compare != null) {
            List<String> values = compare.values().stream().map(v -> String.valueOf(v.value())).toList();
            if (report != null && report.baseline() != null) {
                baseline = String.valueOf(report.baseline().value());
                if (!values.contains(baseline)) {
                    problems.add(new Problem(report.baseline().location(), "report.baseline: '" + baseline
                            + "' is not a value of '" + compare.name() + "'" + Suggestions.didYouMean(baseline, values)
                            + "; values: " + values));
                }
            } else {
                baseline = values.get(0);
            }
        } else if (report != null && report.baseline() != null) {
            problems.add(new Problem(report.baseline().location(), "report.baseline needs report.compare (the axis"
                    + " whose values are compared); sweep axes: " + names));
        }
        json.put("compare", compare == null ? null : compare.name());
        json.put("baseline", baseline);
        ArrayNode metrics = json.putArray("metrics");
        if (report != null) {
            for (ExperimentFile.Value metric : report.metrics()) {
                String text = String.valueOf(metric.value());
                if (!text.contains(".")) {
                    problems.add(new Problem(metric.location(), "report.metrics: '" + text + "' must be SPLIT.NAME,"
                            + " e.g. test.accuracy or cost.train_tokens_per_s"));
                }
                metrics.add(text);
            }
        }
        ArrayNode axes = json.putArray("axes");
        names.forEach(axes::add);
        ArrayNode budget = json.putArray("budget");
        budgetAxes.forEach(a -> budget.add(a.name()));
        String select = null;
        String mode = null;
        if (file.tuning() != null) {
            select = String.valueOf(file.tuning().select().value());
            if (!select.startsWith("validation.")) {
                problems.add(new Problem(file.tuning().select().location(), "tune.select: '" + select + "' must be a"
                        + " validation metric (validation.NAME): selecting on test data would leak it"));
            }
            mode = file.tuning().mode() != null ? file.tuning().mode()
                    : select.endsWith("loss") || select.endsWith("perplexity") ? "min" : "max";
            if (compare == null && !sweepAxes.isEmpty()) {
                problems.add(new Problem(file.tuning().select().location(), "tune: with several sweep axes, name the"
                        + " compared one in report.compare; sweep axes: " + names));
            }
        }
        json.put("select", select);
        json.put("select_mode", mode);
        StringBuilder text = new StringBuilder();
        for (ExperimentFile.Dimension dimension : file.sweep()) {
            text.append(describe(dimension, "")).append(" x ");
        }
        if (file.tuning() != null) {
            for (ExperimentFile.Dimension dimension : file.tuning().budget()) {
                text.append(describe(dimension, " (budget)")).append(" x ");
            }
        }
        text.append(file.seeds().size()).append(file.seeds().size() == 1 ? " seed" : " seeds");
        counts = text.toString();
    }

    private static String describe(ExperimentFile.Dimension dimension, String suffix) {
        String names = String.join("+", dimension.axes().stream().map(ExperimentFile.Axis::name).toList());
        return dimension.size() + " " + names + (dimension.axes().size() > 1 ? " (zipped)" : "") + suffix;
    }

    static StudySpec of(ExperimentFile file) {
        return new StudySpec(file);
    }

    List<Problem> problems() {
        return problems;
    }

    String summary(int trials) {
        return String.format(Locale.ROOT, "%s = %d trial%s", counts, trials, trials == 1 ? "" : "s");
    }

    String json() {
        return json.toString();
    }
}
