package dev.awb.runtime.train;

import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.ResultsStore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a study's trials one after another, recording each trial, its metrics and its outcome in the store.
 * A trial that throws is recorded as failed with its error and the remaining trials still run.
 */
public final class StudyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);

    /** How many trials finished and failed. */
    public record Result(int finished, int failed) {
    }

    private final ResultsStore store;
    private final Trainer trainer = new Trainer();

    public StudyRunner(ResultsStore store) {
        this.store = store;
    }

    /**
     * Runs every trial of {@code plan} under run {@code runId}.
     *
     * @param progress gives, per trial, an observer for progress display (metrics are stored regardless)
     */
    public Result run(StudyPlan plan, String runId, Function<Trial, TrainingObserver> progress) {
        int finished = 0;
        int failed = 0;
        for (Trial trial : plan.trials()) {
            store.startTrial(runId, trial.id(), trial.index(), trial.seed(), trial.attention().plugin().name(),
                    trial.config());
            TrainingObserver display = progress.apply(trial);
            TrainingObserver observer = new TrainingObserver() {
                @Override
                public void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
                    display.step(epoch, epochs, batch, batches, loss, tokensPerSecond);
                }

                @Override
                public void metric(String split, String name, Integer epoch, double value) {
                    store.recordMetric(runId, trial.id(), split, name, epoch, value);
                    display.metric(split, name, epoch, value);
                }
            };
            try {
                trainer.run(trial, observer);
                store.finishTrial(runId, trial.id(), "finished", null);
                finished++;
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.debug("trial {} failed", trial.id(), e);
                store.finishTrial(runId, trial.id(), "failed", describe(e));
                display.failed(e);
                failed++;
            }
        }
        return new Result(finished, failed);
    }

    /** The error and its root cause, on one line. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + " (root cause: " + root + ")";
    }
}
