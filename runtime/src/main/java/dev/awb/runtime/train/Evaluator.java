package dev.awb.runtime.train;

import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Measurements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Evaluates a trial's graph: the {@link Evaluation} record of a split (predictions, class probabilities,
 * per-position losses, where each scored position sits, inference speed) and the attention weights of the probe
 * batch.
 */
final class Evaluator {
    /** How many validation examples, from the first, make the attention probe batch at most. */
    static final int PROBE_SIZE = 8;
    /**
     * Attention weights per head and layer the probe may copy out, ≈ 8 examples at length 724: longer tasks probe
     * fewer examples (one from length 2048 on), so that materialising the weights of a mechanism whose weights are
     * implicit (linear attention) or copying them into Java arrays stays small next to a training step.
     */
    static final long PROBE_WEIGHTS = 1L << 22;

    private final ModelGraph graph;
    private final int batchSize;

    Evaluator(ModelGraph graph, int batchSize) {
        this.graph = graph;
        this.batchSize = batchSize;
    }

    /**
     * Predictions on every example of {@code examples}, in order, with measurements.
     *
     * @param trainTokensPerSecond training throughput so far (NaN before training)
     * @param peakBytes the largest resident size seen so far; this evaluation's own is added
     */
    Evaluation evaluate(Examples examples, String split, Integer epoch, double trainTokensPerSecond, long peakBytes) {
        TaskSpec task = graph.task();
        int targets = task.target() == TaskSpec.Target.TOKEN ? task.length() : 1;
        Batches batches = new Batches(examples, task, DataType.FLOAT);
        Scored scored = new Scored(task.numClasses());
        long tokens = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < examples.size(); start += batchSize) {
            int[] rows = IntStream.range(start, Math.min(examples.size(), start + batchSize)).toArray();
            MultiDataSet batch = batches.batch(rows);
            Map<String, INDArray> feed = graph.feed(batch);
            Map<String, INDArray> out =
                    graph.sd().output(feed, ModelGraph.PROBABILITIES, ModelGraph.POSITION_LOSS);
            tokens += batches.tokens(rows);
            scored.add(rows, targets, doubles(batch.getLabels(1)), doubles(batch.getLabels(0)),
                    doubles(out.get(ModelGraph.PROBABILITIES)), doubles(out.get(ModelGraph.POSITION_LOSS)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Measurements measurements = new Measurements(trainTokensPerSecond, tokens / seconds,
                Math.max(peakBytes, Pointer.physicalBytes()), graph.parameterCount());
        return scored.evaluation(task).at(split, epoch).withMeasurements(measurements);
    }

    /**
     * The attention weights of the probe batch (the first {@link #probeSize(int)} examples of {@code examples}), or
     * null when the attention mechanism gives none.
     */
    AttentionProbe probe(Examples examples, int epoch) {
        return probe(examples, epoch, probeSize(graph.task().length()));
    }

    /** The probe's number of examples at sequence length {@code length}: at most {@link #PROBE_SIZE}, at least 1. */
    static int probeSize(int length) {
        return (int) Math.max(1, Math.min(PROBE_SIZE, PROBE_WEIGHTS / ((long) length * length)));
    }

    /** The attention weights of the first {@code count} examples of {@code examples}, or null as above. */
    AttentionProbe probe(Examples examples, int epoch, int count) {
        List<SDVariable> weights = graph.attentionWeights();
        if (weights.isEmpty() || examples.size() == 0) {
            return null;
        }
        int[] rows = IntStream.range(0, Math.min(count, examples.size())).toArray();
        MultiDataSet batch = new Batches(examples, graph.task(), DataType.FLOAT).batch(rows);
        Map<String, INDArray> feed = graph.feed(batch);
        Map<String, INDArray> out = graph.sd().output(feed, weights.stream().map(SDVariable::name).toList());
        List<double[][][][]> layers = new ArrayList<>();
        for (SDVariable w : weights) {
            layers.add(fourDimensional(out.get(w.name()), rows.length));
        }
        int[] lengths = IntStream.of(rows).map(r -> examples.lengths()[r]).toArray();
        return new AttentionProbe(epoch, lengths, layers);
    }

    /** [batch, heads, queries, keys] or [batch, queries, keys] (one head) as a Java array. */
    private static double[][][][] fourDimensional(INDArray weights, int batch) {
        long[] shape = weights.shape();
        int heads = shape.length == 4 ? (int) shape[1] : 1;
        int queries = (int) shape[shape.length - 2];
        int keys = (int) shape[shape.length - 1];
        double[] flat = doubles(weights);
        double[][][][] result = new double[batch][heads][queries][keys];
        int i = 0;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int q = 0; q < queries; q++) {
                    System.arraycopy(flat, i, result[b][h][q], 0, keys);
                    i += keys;
                }
            }
        }
        return result;
    }

    private static double[] doubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** The scored positions gathered batch by batch. */
    private static final class Scored {
        private final int classes;
        private final List<int[]> positions = new ArrayList<>();
        private final List<double[]> probabilities = new ArrayList<>();
        private final List<Double> losses = new ArrayList<>();

        Scored(int classes) {
            this.classes = classes;
        }

        /** Adds the positions of weight > 0: {example, position, predicted, actual}. */
        void add(int[] rows, int targets, double[] weights, double[] labels, double[] probs, double[] loss) {
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    double[] p = new double[classes];
                    System.arraycopy(probs, i * classes, p, 0, classes);
                    positions.add(new int[] {rows[i / targets], i % targets, argMax(p), (int) labels[i]});
                    probabilities.add(p);
                    losses.add(loss[i]);
                }
            }
        }

        Evaluation evaluation(TaskSpec task) {
            int n = positions.size();
            int[][] columns = new int[4][n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 4; c++) {
                    columns[c][i] = positions.get(i)[c];
                }
            }
            return Evaluation.of(task, columns[2], columns[3]).withSequences(columns[0], columns[1])
                    .withScores(probabilities.toArray(new double[0][]),
                            losses.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static int argMax(double[] p) {
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            return best;
        }
    }
}
