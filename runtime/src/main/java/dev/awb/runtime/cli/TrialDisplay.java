package dev.awb.runtime.cli;

import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.Split;
import dev.awb.runtime.study.TrialRun;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * How a trial's progress and results look on the terminal or in a log: a {@link ProgressBar} line prefixed with
 * {@code [trial I/N] LABEL}, each final metric, resumption, divergence and failure (used by {@code awb run} and by
 * workers with {@code --progress plain}).
 */
final class TrialDisplay {
    private TrialDisplay() {
    }

    /** The observer that shows one trial's progress and results on {@code err}. */
    static TrainingObserver of(PrintWriter err, boolean terminal, Trial trial, int count) {
        String prefix = "[trial " + trial.index() + "/" + count + "] " + trial.label();
        ProgressBar bar = new ProgressBar(err, terminal, prefix);
        return new TrainingObserver() {
            @Override
            public void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
                synchronized (err) {
                    bar.step(epoch, epochs, batch, batches, loss, tokensPerSecond);
                }
            }

            @Override
            public void metric(String split, String name, Integer epoch, double value) {
                if (epoch == null && !Split.COST.text().equals(split)) {
                    synchronized (err) {
                        err.printf(Locale.ROOT, "%s  %s.%s = %.4f%n", prefix, split, name, value);
                        err.flush();
                    }
                }
            }

            @Override
            public void resumed(int epoch) {
                synchronized (err) {
                    err.printf("%s  resuming after epoch %d from its checkpoint%n", prefix, epoch);
                    err.flush();
                }
            }

            @Override
            public void diverged(TrainingDiverged divergence) {
                synchronized (err) {
                    err.printf("%n%s  %s; stopped there%n", prefix, divergence.getMessage());
                    err.flush();
                }
            }

            @Override
            public void failed(Throwable error) {
                synchronized (err) {
                    err.printf("%n%s  failed: %s%n", prefix, TrialRun.describe(error));
                    err.flush();
                }
            }
        };
    }
}
