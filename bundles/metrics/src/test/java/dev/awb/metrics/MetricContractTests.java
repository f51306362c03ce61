package dev.awb.metrics;

import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Measurements;
import dev.awb.api.metric.Metric;
import dev.awb.testkit.MetricContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's metric contract on every metric of this bundle, each with a hand-checked case (the same cases as
 * the metric's own tests, where the arithmetic is written out) and the range its values keep.
 */
class MetricContractTests {
    private static final double[] UNIT = {0, 1};
    private static final double[] NON_NEGATIVE = {0, Double.POSITIVE_INFINITY};
    private static final TaskSpec ABCD = new TaskSpec(10, 4, 1, TaskSpec.Target.SEQUENCE, List.of("a", "b", "c", "d"));
    /** Classes a b c: precision 1, 1/2, 1/2; recall 2/3, 1/2, 1; F1 0.8, 1/2, 2/3 (ClassAveragedMetricTests). */
    private static final Evaluation THREE_CLASSES = Evaluation.of(ABCD, new int[] {0, 0, 1, 1, 2, 2},
            new int[] {0, 0, 0, 1, 1, 2});
    /** Per-position losses ln 2 and ln 4: mean 1.5 ln 2, perplexity 2^1.5 (LossTests). */
    private static final Evaluation LOSSES = Evaluation.of(new TaskSpec(10, 4, 2, TaskSpec.Target.TOKEN),
            new int[] {0, 1}, new int[] {0, 2}).withScores(null, new double[] {Math.log(2), Math.log(4)});
    private static final Evaluation MEASURED = Evaluation.of(ABCD, new int[0], new int[0])
            .withMeasurements(new Measurements(1234.5, 6789.0, 3_000_000_000L, 52_000));
    private static final TaskSpec THREE_POSITIONS = new TaskSpec(10, 2, 3, TaskSpec.Target.TOKEN);

    private static MetricContract.KnownAnswer known(String name, Evaluation evaluation, Map<String, Double> expected) {
        return new MetricContract.KnownAnswer(name, evaluation, expected, 1e-12);
    }

    @Nested
    class AccuracyContract implements MetricContract {
        public Metric metric() {
            return new Accuracy();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("4 of 6 right", THREE_CLASSES, Map.of("accuracy", 4 / 6.0)),
                    known("nothing scored", Evaluation.of(ABCD, new int[0], new int[0]), Map.of("accuracy", Double.NaN)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }

    @Nested
    class PrecisionContract implements MetricContract {
        public Metric metric() {
            return new Precision();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("three classes by hand", THREE_CLASSES, Map.of("precision_macro", 2 / 3.0,
                    "precision_micro", 2 / 3.0)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }

    @Nested
    class RecallContract implements MetricContract {
        public Metric metric() {
            return new Recall();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("three classes by hand", THREE_CLASSES, Map.of("recall_macro", 13 / 18.0,
                    "recall_micro", 2 / 3.0)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }

    @Nested
    class F1Contract implements MetricContract {
        public Metric metric() {
            return new F1();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("three classes by hand", THREE_CLASSES, Map.of("f1_macro", 59 / 90.0,
                    "f1_micro", 2 / 3.0)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }

    @Nested
    class ConfusionMatrixContract implements MetricContract {
        public Metric metric() {
            return new ConfusionMatrix();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("non-zero cells", THREE_CLASSES, Map.of("confusion/a/a", 2.0, "confusion/a/b", 1.0,
                    "confusion/b/b", 1.0, "confusion/b/c", 1.0, "confusion/c/c", 1.0)));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class EntityF1Contract implements MetricContract {
        public Metric metric() {
            return new EntityF1();
        }

        public List<KnownAnswer> knownAnswers() {
            // EntityF1Tests: truth 3 spans, predicted 4, correct 2 -> P 1/2, R 2/3, F1 4/7.
            TaskSpec task = new TaskSpec(10, 5, 4, TaskSpec.Target.TOKEN, List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC"));
            Evaluation evaluation = Evaluation.of(task, new int[] {1, 0, 0, 3, 4, 4, 1}, new int[] {1, 2, 0, 3, 3, 4, 0})
                    .withSequences(new int[] {0, 0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 3, 0, 1, 2});
            return List.of(known("conlleval spans", evaluation, Map.of("entity_precision", 0.5, "entity_recall", 2 / 3.0,
                    "entity_f1", 4 / 7.0, "entity_f1/PER", 0.0, "entity_f1/LOC", 1.0)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }

    @Nested
    class LossContract implements MetricContract {
        public Metric metric() {
            return new Loss();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("mean cross-entropy", LOSSES, Map.of("loss", 1.5 * Math.log(2))));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class PerplexityContract implements MetricContract {
        public Metric metric() {
            return new Perplexity();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("exp of the mean loss", LOSSES, Map.of("perplexity", Math.pow(2, 1.5))));
        }

        public double[] range(String name) {
            return new double[] {1, Double.POSITIVE_INFINITY};
        }
    }

    @Nested
    class ThroughputContract implements MetricContract {
        public Metric metric() {
            return new Throughput();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("measured", MEASURED, Map.of("train_tokens_per_s", 1234.5,
                    "inference_tokens_per_s", 6789.0)));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class PeakMemoryContract implements MetricContract {
        public Metric metric() {
            return new PeakMemory();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("measured", MEASURED, Map.of("peak_memory_bytes", 3e9)));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class ParametersContract implements MetricContract {
        public Metric metric() {
            return new Parameters();
        }

        public List<KnownAnswer> knownAnswers() {
            return List.of(known("measured", MEASURED, Map.of("parameters", 52_000.0)));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class AttentionEntropyContract implements MetricContract {
        public Metric metric() {
            return new AttentionEntropy();
        }

        public List<KnownAnswer> knownAnswers() {
            // AttentionEntropyTests: layer 0 rows ln 2 and 0, layer 1 rows ln 2 and ln 2; padded row 2 ignored.
            double[][][][] layer0 = {{{{0.5, 0.5, 0}, {1, 0, 0}, {0.2, 0.3, 0.5}}}};
            double[][][][] layer1 = {{{{0.5, 0.5, 0}, {0.5, 0.5, 0}, {0.2, 0.3, 0.5}}}};
            AttentionProbe probe = new AttentionProbe(1, new int[] {2}, List.of(layer0, layer1));
            return List.of(known("two layers by hand", Evaluation.of(THREE_POSITIONS, new int[0], new int[0])
                    .withAttention(probe, null), Map.of("attention_entropy", 3 * Math.log(2) / 4,
                    "attention_entropy/layer0", Math.log(2) / 2, "attention_entropy/layer1", Math.log(2))));
        }

        public double[] range(String name) {
            return NON_NEGATIVE;
        }
    }

    @Nested
    class AttentionDriftContract implements MetricContract {
        public Metric metric() {
            return new AttentionDrift();
        }

        public List<KnownAnswer> knownAnswers() {
            // AttentionDriftTests: query 0 moved from key 1 to key 0 (JSD 1), query 1 stayed (0): drift 1/2.
            AttentionProbe before = new AttentionProbe(1, new int[] {2},
                    List.<double[][][][]>of(new double[][][][] {{{{0, 1, 0}, {0.5, 0.5, 0}, {1, 0, 0}}}}));
            AttentionProbe now = new AttentionProbe(2, new int[] {2},
                    List.<double[][][][]>of(new double[][][][] {{{{1, 0, 0}, {0.5, 0.5, 0}, {0, 0, 1}}}}));
            return List.of(known("one query moved", Evaluation.of(THREE_POSITIONS, new int[0], new int[0])
                    .withAttention(now, before), Map.of("attention_drift", 0.5, "attention_drift/layer0", 0.5)));
        }

        public double[] range(String name) {
            return UNIT;
        }
    }
}
