package dev.awb.runtime.train;

import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.metric.Metric;
import dev.awb.api.metric.Predictions;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.experiment.TrainerSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one trial: generates its data, builds its graph, runs minibatch training for the configured epochs
 * and evaluates every metric on the validation split after each epoch and on validation and test at the
 * end. Everything random derives from the trial's seed.
 */
public final class Trainer {

    /** Cost figures of a finished trial. */
    public record Outcome(long parameters, double seconds) {
    }

    /** Runs {@code trial}, reporting to {@code observer}. */
    public Outcome run(Trial trial, TrainingObserver observer) {
        long started = System.nanoTime();
        Nd4j.getRandom().setSeed(trial.seed());
        TaskData data = trial.dataset().as(SequenceDataset.class).generate(trial.dataset().params(), trial.seed());
        ModelGraph graph = ModelGraph.build(trial, data.spec(), DataType.FLOAT);
        SameDiff sd = graph.sd();
        graph.prepareTraining(trial.optimizer().as(Optimizer.class).updater(trial.optimizer().params()));

        TrainerSettings settings = trial.settings();
        Batches train = new Batches(data.train(), data.spec(), DataType.FLOAT);
        LossCapture loss = new LossCapture();
        SplittableRandom shuffle = new SplittableRandom(trial.seed());
        double trainSeconds = 0;
        long trainTokens = 0;
        long peakBytes = Pointer.physicalBytes();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            int[][] batches = batches(permutation(data.train().size(), shuffle), settings.batch());
            double lossSum = 0;
            for (int b = 0; b < batches.length; b++) {
                long t0 = System.nanoTime();
                sd.fit(train.batch(batches[b]), loss);
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                trainTokens += train.tokens(batches[b]);
                lossSum += loss.last();
                peakBytes = Math.max(peakBytes, Pointer.physicalBytes());
                observer.step(epoch, settings.epochs(), b + 1, batches.length, lossSum / (b + 1),
                        trainTokens / trainSeconds);
            }
            observer.metric("train", "loss", epoch, lossSum / batches.length);
            evaluate(trial, graph, data.validation(), settings.evalBatch(), "validation", epoch, observer);
        }
        evaluate(trial, graph, data.validation(), settings.evalBatch(), "validation", null, observer);
        double inferenceTokensPerSecond =
                evaluate(trial, graph, data.test(), settings.evalBatch(), "test", null, observer);
        double seconds = (System.nanoTime() - started) / 1e9;
        observer.metric("cost", "train_tokens_per_s", null, trainTokens / trainSeconds);
        observer.metric("cost", "inference_tokens_per_s", null, inferenceTokensPerSecond);
        observer.metric("cost", "parameters", null, graph.parameterCount());
        observer.metric("cost", "peak_physical_bytes", null, Math.max(peakBytes, Pointer.physicalBytes()));
        observer.metric("cost", "wall_seconds", null, seconds);
        return new Outcome(graph.parameterCount(), seconds);
    }

    /** Loss and every metric on {@code examples}; returns inference tokens per second. */
    private static double evaluate(Trial trial, ModelGraph graph, Examples examples, int batchSize, String split,
            Integer epoch, TrainingObserver observer) {
        Batches batches = new Batches(examples, graph.task(), DataType.FLOAT);
        int[] predicted = new int[0];
        int[] actual = new int[0];
        int count = 0;
        double lossSum = 0;
        double weightSum = 0;
        long tokens = 0;
        long t0 = System.nanoTime();
        for (int[] rows : batches(permutation(examples.size(), null), batchSize)) {
            MultiDataSet batch = batches.batch(rows);
            Map<String, INDArray> feed = graph.feed(batch);
            Map<String, INDArray> out = graph.sd().output(feed, ModelGraph.PROBABILITIES, ModelGraph.LOSS);
            tokens += batches.tokens(rows);
            INDArray weights = batch.getLabels(1).reshape(-1);
            INDArray labels = batch.getLabels(0).reshape(-1);
            INDArray best = out.get(ModelGraph.PROBABILITIES).argMax(1);
            double batchWeight = weights.sumNumber().doubleValue();
            lossSum += out.get(ModelGraph.LOSS).getDouble(0) * batchWeight;
            weightSum += batchWeight;
            predicted = Arrays.copyOf(predicted, count + (int) batchWeight);
            actual = Arrays.copyOf(actual, count + (int) batchWeight);
            for (long i = 0; i < weights.length(); i++) {
                if (weights.getDouble(i) > 0) {
                    predicted[count] = best.getInt((int) i);
                    actual[count] = labels.getInt((int) i);
                    count++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        observer.metric(split, "loss", epoch, lossSum / Math.max(weightSum, 1e-12));
        Predictions predictions = new Predictions(predicted, actual, graph.task().numClasses());
        for (ResolvedNode metric : trial.metrics()) {
            metric.as(Metric.class).evaluate(predictions, metric.params())
                    .forEach((name, value) -> observer.metric(split, name, epoch, value));
        }
        return tokens / seconds;
    }

    /** 0..n-1, shuffled when {@code random} is given. */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }

    private static int[][] batches(int[] order, int size) {
        int count = (order.length + size - 1) / size;
        int[][] batches = new int[count][];
        for (int b = 0; b < count; b++) {
            batches[b] = Arrays.copyOfRange(order, b * size, Math.min(order.length, (b + 1) * size));
        }
        return batches;
    }
}
