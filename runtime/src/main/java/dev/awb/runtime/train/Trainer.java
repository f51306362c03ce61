package dev.awb.runtime.train;

import dev.awb.runtime.store.Split;
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
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one trial: generates its data, builds its graph, runs minibatch training for the configured epochs
 * and evaluates every metric on the validation split after each epoch and on validation and test at the
 * end (see {@link Evaluator}; the attention probe is also captured before training so that drift has a
 * reference). Everything random derives from the trial's seed and the epoch, so a trial resumed from the
 * checkpoint of epoch k continues exactly as the uninterrupted trial would have (same shuffles, same noise).
 * A training step whose loss is NaN or infinite ends the trial with {@link TrainingDiverged}.
 */
public final class Trainer {
    /** How many test examples the attention maps show. */
    static final int MAP_EXAMPLES = 4;

    /**
     * Cost figures of a finished trial, and the attention maps of a few test examples (captured when run with
     * checkpoints, i.e. as a study's trial; null otherwise or when the mechanism gives no weights).
     */
    public record Outcome(long parameters, double seconds, AttentionMaps maps) {
    }

    /** Runs {@code trial} from scratch without checkpoints, reporting to {@code observer}. */
    public Outcome run(Trial trial, TrainingObserver observer) {
        return run(trial, observer, null);
    }

    /**
     * Runs {@code trial}, reporting to {@code observer}; with {@code checkpoints}, resumes from the latest
     * checkpoint there, writes one after every epoch and captures the attention maps of a few test examples.
     */
    public Outcome run(Trial trial, TrainingObserver observer, Checkpoints checkpoints) {
        long started = System.nanoTime();
        Nd4j.getRandom().setSeed(trial.seed());
        TaskData data = trial.dataset().as(SequenceDataset.class).generate(trial.dataset().params(), trial.seed());
        // A label or token outside the spec would train and evaluate into meaningless numbers: fail the trial first.
        DatasetOutput.check(trial.dataset(), data);
        data.counts().forEach((name, count) -> observer.metric(Split.DATA.text(), name, null, count));
        ModelGraph graph = ModelGraph.build(trial, data.spec(), DataType.FLOAT);
        TrainerSettings settings = trial.settings();
        // The probe before training comes from the freshly initialised graph, also when resuming: initial
        // weights depend only on the seed, so drift keeps the same reference.
        Evaluator evaluator = new Evaluator(graph, settings.evalBatch());
        AttentionProbe initial = evaluator.probe(data.validation(), 0);
        Checkpoints.State resumed = checkpoints == null ? null : checkpoints.latest().orElse(null);
        if (resumed != null) {
            graph = graph.restore(checkpoints.model());
            evaluator = new Evaluator(graph, settings.evalBatch());
        }
        graph.prepareTraining(trial.optimizer().as(Optimizer.class).configure(trial.optimizer().params(),
                TrainingBudget.of(data.train().size(), settings.batch(), settings.epochs())));
        SameDiff sd = graph.sd();
        AttentionProbe previous = initial;
        if (resumed != null) {
            // Learning-rate schedules count optimizer steps: continue the count.
            sd.getTrainingConfig().setIterationCount(resumed.iterations());
            sd.getTrainingConfig().setEpochCount(resumed.epoch());
            previous = evaluator.probe(data.validation(), resumed.epoch());
            observer.resumed(resumed.epoch());
        }

        Batches train = new Batches(data.train(), data.spec(), DataType.FLOAT);
        LossCapture loss = new LossCapture();
        double trainSeconds = resumed == null ? 0 : resumed.trainSeconds();
        long trainTokens = resumed == null ? 0 : resumed.trainTokens();
        long peakBytes = Pointer.physicalBytes();
        for (int epoch = resumed == null ? 1 : resumed.epoch() + 1; epoch <= settings.epochs(); epoch++) {
            Nd4j.getRandom().setSeed(epochSeed(trial.seed(), epoch));
            SplittableRandom shuffle = new SplittableRandom(epochSeed(trial.seed(), epoch));
            int[][] batches = batches(permutation(data.train().size(), shuffle), settings.batch());
            EpochSteps steps = new EpochSteps(loss, train, batches, epoch, settings.epochs(), observer, trainSeconds,
                    trainTokens, peakBytes);
            graph.fit(Arrays.stream(batches).map(train::batch).iterator(), loss, steps);
            trainSeconds = steps.seconds();
            trainTokens = steps.tokens();
            peakBytes = steps.peakBytes();
            observer.metric(Split.TRAIN.text(), "loss", epoch, steps.meanLoss());
            AttentionProbe now = evaluator.probe(data.validation(), epoch);
            Evaluation validation = evaluator.evaluate(data.validation(), Split.VALIDATION.text(), epoch,
                    trainTokens / trainSeconds, peakBytes).withAttention(now, previous);
            peakBytes = record(trial, validation, observer);
            previous = now;
            observer.epochDone(epoch);
            if (checkpoints != null) {
                checkpoints.save(sd, new Checkpoints.State(epoch, sd.getTrainingConfig().getIterationCount(),
                        trainSeconds, trainTokens));
            }
        }
        // Final evaluations compare the trained probe with the one before training: drift over the whole run.
        double trainTokensPerSecond = trainTokens / trainSeconds;
        peakBytes = record(trial, evaluator.evaluate(data.validation(), Split.VALIDATION.text(), null, trainTokensPerSecond,
                peakBytes).withAttention(previous, initial), observer);
        Evaluation test = evaluator.evaluate(data.test(), Split.TEST.text(), null, trainTokensPerSecond, peakBytes)
                .withAttention(previous, initial);
        peakBytes = record(trial, test, observer);
        double seconds = (System.nanoTime() - started) / 1e9;
        observer.metric(Split.COST.text(), "train_tokens_per_s", null, trainTokensPerSecond);
        observer.metric(Split.COST.text(), "inference_tokens_per_s", null, test.measurements().inferenceTokensPerSecond());
        observer.metric(Split.COST.text(), "parameters", null, graph.parameterCount());
        observer.metric(Split.COST.text(), "peak_physical_bytes", null, Math.max(peakBytes, Pointer.physicalBytes()));
        observer.metric(Split.COST.text(), "wall_seconds", null, seconds);
        AttentionMaps maps = null;
        if (checkpoints != null) {
            int examples = Math.min(MAP_EXAMPLES, Evaluator.probeSize(data.spec().length()));
            maps = AttentionMaps.capture(evaluator.probe(data.test(), settings.epochs(), examples), data.test(),
                    trial.id());
        }
        return new Outcome(graph.parameterCount(), seconds, maps);
    }

    /** The seed of everything random in one epoch: resumable, and distinct across epochs and trials. */
    static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
    }

    private static long record(Trial trial, Evaluation evaluation, TrainingObserver observer) {
        Map<String, String> taken = new HashMap<>();
        for (ResolvedNode metric : trial.metrics()) {
            Map<String, Double> values = metric.as(Metric.class).evaluate(evaluation, metric.params());
            MetricOutput.check(metric, values, taken);
            values.forEach((name, value) -> observer.metric(evaluation.split(), name, evaluation.epoch(), value));
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
