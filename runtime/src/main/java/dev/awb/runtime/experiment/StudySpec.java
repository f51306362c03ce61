package dev.awb.runtime.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.api.metric.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a study compares, resolved from the file's {@code sweep}, {@code tune} and {@code report} sections, and
 * stored with the study as JSON (bound by Jackson: this record is the one definition of that JSON, written by the
 * planning run and read by the report and {@code awb studies}).
 *
 * @param compare label key whose values are compared (the one named by {@code report.compare}, else the only
 *     sweep axis), or null
 * @param baseline value of {@code compare} every other value is tested against (else its first value), or null
 * @param metrics headline metrics as {@code split.name}; empty means every final test metric
 * @param axes sweep axis names (label keys)
 * @param budget tuned axis names; the best point per compared value is chosen by {@code select}
 * @param select {@code split.name} of the selection metric, or null
 * @param selectMode {@code max} or {@code min}: {@code tune.mode} when the file gives it, else from the selection
 *     metric's direction; null without tuning
 * @param directions the direction of every metric key the study records ({@code split.name}), as the metric
 *     plugins declare it ({@link dev.awb.api.metric.Metric#direction}) and, for what the runtime measures
 *     itself, {@link MetricKeys#runtimeDirection}; empty for a study planned before directions were recorded
 * @param overrides the command-line overrides ({@code -s PATH=VALUE}) of the run that last planned the study
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudySpec(String compare, String baseline, List<String> metrics, List<String> axes, List<String> budget,
        String select, @JsonProperty("select_mode") String selectMode, Map<String, Direction> directions,
        List<String> overrides) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The spec of a study without comparison settings. */
    public static final StudySpec NONE = new StudySpec(null, null, List.of(), List.of(), List.of(), null, null,
            Map.of(), List.of());

    public StudySpec {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        axes = axes == null ? List.of() : List.copyOf(axes);
        budget = budget == null ? List.of() : List.copyOf(budget);
        directions = directions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directions));
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** Reads a study record's spec JSON; {@code null} or blank gives {@link #NONE}. */
    public static StudySpec parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            return JSON.readValue(json, StudySpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("study spec is not valid JSON: " + json, e);
        }
    }

    /** This spec as the JSON stored with the study. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This spec with the command-line overrides of the run that plans the study. */
    public StudySpec withOverrides(List<String> runOverrides) {
        return new StudySpec(compare, baseline, metrics, axes, budget, select, selectMode, directions, runOverrides);
    }

    /** This spec with the recorded keys' directions, and the selection mode they imply unless the file set one. */
    StudySpec withDirections(Map<String, Direction> keys) {
        StudySpec with = new StudySpec(compare, baseline, metrics, axes, budget, select, selectMode, keys, overrides);
        String mode = selectMode != null || select == null ? selectMode
                : with.direction(select) == Direction.LOWER_IS_BETTER ? "min" : "max";
        return new StudySpec(compare, baseline, metrics, axes, budget, select, mode, keys, overrides);
    }

    /** Whether the selection metric is maximised or minimised. */
    @JsonIgnore
    public Direction selectDirection() {
        if ("min".equals(selectMode)) {
            return Direction.LOWER_IS_BETTER;
        }
        if ("max".equals(selectMode) || select == null) {
            return Direction.HIGHER_IS_BETTER;
        }
        return direction(select);
    }

    /**
     * The direction of the metric {@code key} ({@code split.name}): as recorded for the key or, for a per-class or
     * per-layer key ({@code f1/B-PER}), for its family ({@code f1...}); else what the runtime records itself; else
     * for a study planned before directions were recorded, by the name (losses and perplexities lower).
     */
    public Direction direction(String key) {
        Direction recorded = directions.get(key);
        if (recorded != null) {
            return recorded;
        }
        int slash = key.indexOf('/');
        String family = slash < 0 ? key : key.substring(0, slash);
        for (Map.Entry<String, Direction> entry : directions.entrySet()) {
            String other = entry.getKey();
            int otherSlash = other.indexOf('/');
            if ((otherSlash < 0 ? other : other.substring(0, otherSlash)).equals(family)) {
                return entry.getValue();
            }
        }
        Direction runtime = MetricKeys.runtimeDirection(key);
        if (runtime != null) {
            return runtime;
        }
        return family.endsWith("loss") || family.endsWith("perplexity") ? Direction.LOWER_IS_BETTER
                : Direction.HIGHER_IS_BETTER;
    }

    /**
     * The metric the study is judged by ({@code split.name}) among the final metric keys its trials have: the first of
     * its report's metrics, else {@code test.accuracy}, else the first final test metric in name order, else the
     * first key; null when there are none (no trial has a final value yet) and the report names none.
     */
    public String mainMetric(java.util.Collection<String> finalKeys) {
        if (!metrics.isEmpty()) {
            return metrics.get(0);
        }
        List<String> keys = finalKeys.stream().distinct().sorted().toList();
        if (keys.contains("test.accuracy")) {
            return "test.accuracy";
        }
        return keys.stream().filter(k -> k.startsWith("test.")).findFirst().orElse(keys.isEmpty() ? null : keys.get(0));
    }

    /** The spec of {@code file}, adding what is wrong with its {@code report} and {@code tune} settings to {@code problems}. */
    static StudySpec of(ExperimentFile file, List<Problem> problems) {
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
        List<String> metrics = new ArrayList<>();
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
        String select = null;
        String mode = null;
        if (file.tuning() != null) {
            select = String.valueOf(file.tuning().select().value());
            if (!select.startsWith("validation.")) {
                problems.add(new Problem(file.tuning().select().location(), "tune.select: '" + select + "' must be a"
                        + " validation metric (validation.NAME): selecting on test data would leak it"));
            }
            mode = file.tuning().mode();
            if (compare == null && !sweepAxes.isEmpty()) {
                problems.add(new Problem(file.tuning().select().location(), "tune: with several sweep axes, name the"
                        + " compared one in report.compare; sweep axes: " + names));
            }
        }
        return new StudySpec(compare == null ? null : compare.name(), baseline, metrics, names,
                budgetAxes.stream().map(ExperimentFile.Axis::name).toList(), select, mode, Map.of(), List.of());
    }

    /** How the trial count of {@code file} comes about, e.g. {@code 2 variant x 3 seeds = 6 trials}. */
    static String summary(ExperimentFile file, int trials) {
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
        return String.format(java.util.Locale.ROOT, "%s = %d trial%s", text, trials, trials == 1 ? "" : "s");
    }

    private static String describe(ExperimentFile.Dimension dimension, String suffix) {
        String names = String.join("+", dimension.axes().stream().map(ExperimentFile.Axis::name).toList());
        return dimension.size() + " " + names + (dimension.axes().size() > 1 ? " (zipped)" : "") + suffix;
    }
}
