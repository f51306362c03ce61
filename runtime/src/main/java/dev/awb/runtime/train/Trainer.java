package dev.awb.runtime.train;

import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.optimizer.TrainingBudget;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.experiment.TrainerSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one trial: generates its data, builds its graph, runs minibatch training for the configured epochs
 * and evaluates every metric on the validation split after each epoch and on validation and test at the
 * end (see {@link Evaluator}; the attention probe is also captured before training so that drift has a
 * reference). Everything random derives from the trial's seed.
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
        TrainerSettings settings = trial.settings();
        graph.prepareTraining(trial.optimizer().as(Optimizer.class).configure(trial.optimizer().params(),
                TrainingBudget.of(data.train().size(), settings.batch(), settings.epochs())));

        Batches train = new Batches(data.train(), data.spec(), DataType.FLOAT);
        LossCapture loss = new LossCapture();
        SplittableRandom shuffle = new SplittableRandom(trial.seed());
        Evaluator evaluator = new Evaluator(graph, settings.evalBatch());
        AttentionProbe initial = evaluator.probe(data.validation(), 0);
        AttentionProbe previous = initial;
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
            AttentionProbe now = evaluator.probe(data.validation(), epoch);
            Evaluation validation = evaluator.evaluate(data.validation(), "validation", epoch,
                    trainTokens / trainSeconds, peakBytes).withAttention(now, previous);
            peakBytes = record(trial, validation, observer);
            previous = now;
        }
        // Final evaluations compare the trained probe with the one before training: drift over the whole run.
        double trainTokensPerSecond = trainTokens / trainSeconds;
        peakBytes = record(trial, evaluator.evaluate(data.validation(), "validation", null, trainTokensPerSecond,
                peakBytes).withAttention(previous, initial), observer);
        Evaluation test = evaluator.evaluate(data.test(), "test", null, trainTokensPerSecond, peakBytes)
                .withAttention(previous, initial);
        peakBytes = record(trial, test, observer);
        double seconds = (System.nanoTime() - started) / 1e9;
        observer.metric("cost", "train_tokens_per_s", null, trainTokensPerSecond);
        observer.metric("cost", "inference_tokens_per_s", null, test.measurements().inferenceTokensPerSecond());
        observer.metric("cost", "parameters", null, graph.parameterCount());
        observer.metric("cost", "peak_physical_bytes", null, Math.max(peakBytes, Pointer.physicalBytes()));
        observer.metric("cost", "wall_seconds", null, seconds);
        return new Outcome(graph.parameterCount(), seconds);
    }

    /**
     * Every metric of {@code trial} on {@code evaluation}, stored under its split and epoch with the names the
     * metric gives; returns the peak resident size including this evaluation.
     */
    private static long record(Trial trial, Evaluation evaluation, TrainingObserver observer) {
        for (ResolvedNode metric : trial.metrics()) {
            metric.as(Metric.class).evaluate(evaluation, metric.params())
                    .forEach((name, value) -> observer.metric(evaluation.split(), name, evaluation.epoch(), value));
        }
        return evaluation.measurements().peakMemoryBytes();
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
