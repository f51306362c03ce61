package dev.awb.runtime.experiment;

import dev.awb.runtime.store.Split;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Direction;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metric keys ({@code split.name}) a study records with their directions, and the check that
 * {@code tune.select} and {@code report.metrics} name one of them, so a typo fails validation instead of a study
 * trained for nothing. The directions are recorded in the study's {@link StudySpec}: a metric plugin declares its
 * keys' ({@link Metric#direction}), the runtime those it measures itself ({@link #runtimeDirection}).
 *
 * <p>The Metric SPI declares no key list (a metric returns its values by name), so the keys are found by
 * evaluating each configured metric once on a two-position probe evaluation of its trial's task, with no attention
 * or cost measurements: values come back NaN, but under their names. Per-layer and per-class keys
 * ({@code attention_entropy/layer1}, {@code f1/B-PER}) depend on the run; a name {@code FAMILY/...} is accepted
 * when the probe returned {@code FAMILY} or any {@code FAMILY/...} key. A metric that refuses the probe leaves the
 * keys unknown, and then nothing is refused.
 */
public final class MetricKeys {
    /** The keys the trainer itself records, whatever the metrics, and which way each is better. */
    private static final Map<String, Direction> ALWAYS = Map.of(
            Split.TRAIN.key("loss"), Direction.LOWER_IS_BETTER,
            Split.COST.key("train_tokens_per_s"), Direction.HIGHER_IS_BETTER,
            Split.COST.key("inference_tokens_per_s"), Direction.HIGHER_IS_BETTER,
            Split.COST.key("parameters"), Direction.LOWER_IS_BETTER,
            Split.COST.key("peak_physical_bytes"), Direction.LOWER_IS_BETTER,
            Split.COST.key("wall_seconds"), Direction.LOWER_IS_BETTER,
            Split.DATA.key("skipped_records"), Direction.LOWER_IS_BETTER);

    private MetricKeys() {
    }

    /** The direction of a key the runtime records itself ({@code train.loss}, {@code cost.*}), else null. */
    public static Direction runtimeDirection(String key) {
        return ALWAYS.get(key);
    }

    /**
     * Checks the metric names of {@code plan}'s {@code tune.select} and {@code report.metrics}, and returns the plan
     * with the direction of every key its trials record in its spec.
     *
     * @throws ExperimentException naming each unknown metric with a did-you-mean and the recorded keys
     */
    public static StudyPlan check(StudyPlan plan) {
        Map<String, Direction> directions = recorded(plan);
        StudyPlan checked = plan.withSpec(plan.spec().withDirections(directions == null ? ALWAYS : directions));
        check(plan.file(), directions == null ? null : directions.keySet());
        return checked;
    }

    private static void check(ExperimentFile file, Set<String> keys) {
        List<ExperimentFile.Value> wanted = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (file.tuning() != null && file.tuning().select() != null) {
            wanted.add(file.tuning().select());
            where.add("tune.select");
        }
        if (file.report() != null) {
            for (ExperimentFile.Value metric : file.report().metrics()) {
                wanted.add(metric);
                where.add("report.metrics");
            }
        }
        if (wanted.isEmpty() || keys == null) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = String.valueOf(wanted.get(i).value());
            if (!known(name, keys)) {
                problems.add(new Problem(wanted.get(i).location(), where.get(i) + ": '" + name + "' is not a metric this"
                        + " study records" + Suggestions.didYouMean(name, keys) + "; recorded: " + keys
                        + " (per-class and per-layer keys such as f1/CLASS or attention_entropy/layer0 too)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
    }

    private static boolean known(String name, Set<String> keys) {
        if (keys.contains(name)) {
            return true;
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String family = name.substring(0, slash);
        return keys.contains(family) || keys.stream().anyMatch(k -> k.startsWith(family + "/"));
    }

    /** Every key the plan's trials record with its direction, or null when a metric refused the probe. */
    private static Map<String, Direction> recorded(StudyPlan plan) {
        Map<String, Direction> keys = new TreeMap<>(ALWAYS);
        Set<String> seen = new LinkedHashSet<>();
        for (Trial trial : plan.trials()) {
            for (ResolvedNode metric : trial.metrics()) {
                String id = trial.dataset().plugin().id() + trial.dataset().params() + "|" + metric.plugin().id()
                        + metric.params();
                if (!seen.add(id)) {
                    continue;
                }
                try {
                    TaskSpec task = trial.dataset().as(SequenceDataset.class).spec(trial.dataset().params());
                    Metric plugin = metric.as(Metric.class);
                    for (String key : plugin.evaluate(probe(task), metric.params()).keySet()) {
                        Direction direction = plugin.direction(key);
                        keys.put(Split.VALIDATION.key(key), direction);
                        keys.put(Split.TEST.key(key), direction);
                    }
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return keys;
    }

    /** Two scored positions of one example, uniform probabilities, no attention or measurements. */
    private static Evaluation probe(TaskSpec task) {
        int classes = Math.max(1, task.numClasses());
        double[][] probabilities = new double[2][classes];
        for (double[] row : probabilities) {
            Arrays.fill(row, 1.0 / classes);
        }
        return new Evaluation(Split.VALIDATION.text(), null, task, new int[] {0, Math.min(1, classes - 1)}, new int[] {0, 0},
                new int[] {0, 0}, new int[] {0, 1}, probabilities, new double[] {0.5, 0.5}, null, null, null);
    }
}
