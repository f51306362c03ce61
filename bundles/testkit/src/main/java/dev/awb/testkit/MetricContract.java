package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every metric plugin keeps: the known answers its author supplies, well-formed names
 * ({@link MetricNames}), a direction for every name, values within their declared range, the same values for the same
 * evaluation, and NaN, not an exception, where an evaluation has nothing to measure (no scored position, optional
 * parts absent).
 *
 * <pre>{@code
 * class AccuracyTests implements MetricContract {
 *     public Metric metric() { return new Accuracy(); }
 *     public List<KnownAnswer> knownAnswers() {
 *         TaskSpec four = new TaskSpec(10, 4, 1, TaskSpec.Target.SEQUENCE);
 *         return List.of(new KnownAnswer("3 of 5 right",
 *                 Evaluation.of(four, new int[] {1, 2, 3, 0, 1}, new int[] {1, 2, 0, 0, 2}), Map.of("accuracy", 0.6), 1e-12));
 *     }
 *     public double[] range(String name) { return new double[] {0, 1}; }
 * }
 * }</pre>
 */
public interface MetricContract {

    /**
     * One hand-checked case: an evaluation and the values the metric must return for it (a subset of its names; NaN
     * where the value must be NaN).
     *
     * @param name what the case shows, for failure messages
     * @param evaluation the input
     * @param expected name → value
     * @param tolerance largest accepted absolute difference
     */
    record KnownAnswer(String name, Evaluation evaluation, Map<String, Double> expected, double tolerance) {
        public KnownAnswer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(evaluation, "evaluation");
            expected = Map.copyOf(expected);
        }
    }

    /** The metric under test. */
    Metric metric();

    /** Parameters of the metric: its defaults unless overridden. */
    default Params params() {
        return Params.defaults(metric().params());
    }

    /**
     * Hand-checked cases, at least one, from a paper's worked example or a calculation written out in a comment;
     * {@code null} only in {@code awb plugin check}, which cannot know them (that check is then reported as not run).
     */
    List<KnownAnswer> knownAnswers();

    /**
     * The closed range {@code {min, max}} the value of {@code name} always lies in when it is not NaN (accuracy:
     * {@code {0, 1}}); unbounded by default.
     */
    default double[] range(String name) {
        return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }

    @Test
    default void knownAnswersHold() {
        List<KnownAnswer> cases = knownAnswers();
        Assumptions.assumeTrue(cases != null, "known answers are supplied by the plugin's own test class");
        assertFalse(cases.isEmpty(), "knownAnswers() lists no case: return at least one hand-checked evaluation");
        for (KnownAnswer known : cases) {
            Map<String, Double> values = metric().evaluate(known.evaluation(), params());
            assertNotNull(values, known.name() + ": evaluate returned null");
            known.expected().forEach((name, expected) -> {
                assertTrue(values.containsKey(name), known.name() + ": no value named '" + name + "'; returned "
                        + values.keySet());
                double value = values.get(name);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(value), known.name() + ": " + name + " = " + value + ", expected NaN");
                } else {
                    assertEquals(expected, value, known.tolerance(), known.name() + ": " + name);
                }
            });
        }
    }

    @Test
    default void namesAreWellFormedAndEachHasADirection() {
        for (Evaluation evaluation : probes()) {
            Map<String, Double> values = metric().evaluate(evaluation, params());
            assertNotNull(values, "evaluate returned null");
            assertFalse(values.isEmpty(), "evaluate returned no value");
            for (Map.Entry<String, Double> entry : values.entrySet()) {
                String problem = MetricNames.problem(entry.getKey());
                assertTrue(problem == null, "name '" + entry.getKey() + "': " + problem);
                assertNotNull(entry.getValue(), entry.getKey() + " is null: return NaN for a value that cannot be had");
                assertNotNull(metric().direction(entry.getKey()), "direction('" + entry.getKey() + "') is null");
            }
        }
    }

    @Test
    default void valuesStayInTheirRange() {
        for (Evaluation evaluation : probes()) {
            metric().evaluate(evaluation, params()).forEach((name, value) -> {
                double[] range = range(name);
                assertTrue(value.isNaN() || (value >= range[0] && value <= range[1]), name + " = " + value
                        + " is outside its range " + Arrays.toString(range) + " on a " + evaluation.size()
                        + "-position evaluation");
            });
        }
    }

    @Test
    default void theSameEvaluationGivesTheSameValues() {
        for (Evaluation evaluation : probes()) {
            assertEquals(metric().evaluate(evaluation, params()), metric().evaluate(evaluation, params()));
        }
    }

    @Test
    default void nothingToMeasureGivesNaNNotAnError() {
        for (Evaluation evaluation : probes()) {
            Evaluation empty = new Evaluation(evaluation.split(), evaluation.epoch(), evaluation.task(), new int[0],
                    new int[0], new int[0], new int[0], null, null, null, null, null);
            Evaluation bare = new Evaluation(evaluation.split(), evaluation.epoch(), evaluation.task(),
                    evaluation.predicted(), evaluation.actual(), evaluation.example(), evaluation.position(), null, null,
                    null, null, null);
            for (Evaluation input : List.of(empty, bare)) {
                metric().evaluate(input, params()).forEach((name, value) -> assertFalse(value.isInfinite(),
                        name + " = " + value + " with " + (input == empty ? "no scored position" : "no optional parts")
                                + ": return NaN where a value cannot be had"));
            }
        }
    }

    /**
     * The evaluations the name, range and NaN checks run on: each known answer's, plus a seeded random one with
     * uniform probabilities and per-position losses on each known answer's task (one sequence task of four classes
     * when no answers are known).
     */
    private List<Evaluation> probes() {
        List<KnownAnswer> known = knownAnswers();
        List<TaskSpec> tasks = known == null || known.isEmpty()
                ? List.of(new TaskSpec(8, 4, 1, TaskSpec.Target.SEQUENCE))
                : known.stream().map(k -> k.evaluation().task()).distinct().toList();
        List<Evaluation> probes = new java.util.ArrayList<>();
        if (known != null) {
            known.forEach(k -> probes.add(k.evaluation()));
        }
        boolean ownTasks = known != null && !known.isEmpty();
        SplittableRandom random = new SplittableRandom(11);
        for (TaskSpec task : tasks) {
            int n = 24;
            int classes = Math.max(1, task.numClasses());
            int[] predicted = random.ints(n, 0, classes).toArray();
            int[] actual = random.ints(n, 0, classes).toArray();
            double[][] probabilities = new double[n][classes];
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                Arrays.fill(probabilities[i], 1.0 / classes);
                loss[i] = Math.log(classes);
            }
            int[] example = new int[n];
            int[] position = new int[n];
            for (int i = 0; i < n; i++) {
                example[i] = task.target() == TaskSpec.Target.TOKEN ? i / 4 : i;
                position[i] = task.target() == TaskSpec.Target.TOKEN ? i % 4 : 0;
            }
            Evaluation probe = Evaluation.of(task, predicted, actual).withSequences(example, position)
                    .withScores(probabilities, loss);
            if (!ownTasks) {
                try {
                    metric().evaluate(probe, params());
                } catch (PluginConfigurationException e) {
                    // Without known answers there is no task this metric is known to accept (entity F1 needs BIO
                    // class names): a refusal of the stand-in task means the checks on it cannot run.
                    Assumptions.abort("the metric refuses the stand-in task (" + e.getMessage() + "); its own test "
                            + "class's known answers give it a task it accepts");
                }
            }
            probes.add(probe);
        }
        return probes;
    }
}
