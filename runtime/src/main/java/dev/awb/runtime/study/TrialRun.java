package dev.awb.runtime.study;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.train.Checkpoints;
import dev.awb.runtime.train.Trainer;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one trial of a study, in this process, against the store.
 *
 * <p>Claims the trial (nothing happens if it already finished), records its {@link Provenance}, forgets what an interrupted attempt recorded
 * after its last checkpoint, trains from that checkpoint, records per-epoch metrics as they come and the final
 * ones together with the {@code finished} status. A trial whose training loss becomes NaN or infinite is
 * recorded as {@code diverged} (final). A trial that throws (or runs out of memory) is recorded as failed with
 * its error; its checkpoint stays for the next attempt.
 */
public final class TrialRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrialRun.class);

    /** How an attempt ended. */
    public enum Outcome { FINISHED, DIVERGED, FAILED, ALREADY_FINISHED }

    private TrialRun() {
    }

    /** The identity of this process as a worker: {@code host:pid}. */
    public static String workerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Runs {@code trial} of study {@code studyId}, its files in {@code trialDir}, reporting to {@code display},
     * on whatever backend ND4J loaded.
     */
    public static Outcome run(ResultsStore store, String studyId, Trial trial, Path trialDir,
            TrainingObserver display) {
        return run(store, studyId, trial, trialDir, display, null);
    }

    /**
     * Runs {@code trial} as {@link #run(ResultsStore, String, Trial, Path, TrainingObserver)} does, after checking
     * that ND4J loaded the backend of {@code device} (null: no check): a CUDA trial in a process that fell back to
     * the CPU fails with the reason instead of training.
     */
    public static Outcome run(ResultsStore store, String studyId, Trial trial, Path trialDir,
            TrainingObserver display, Device device) {
        if (!store.claimTrial(studyId, trial.id(), workerName())) {
            return Outcome.ALREADY_FINISHED;
        }
        store.recordProvenance(studyId, trial.id(), ProvenanceProbe.capture(trial).toJson());
        Checkpoints checkpoints = new Checkpoints(trialDir);
        try {
            if (device != null) {
                LoadedBackend.require(device);
            }
            int from = checkpoints.latest().map(Checkpoints.State::epoch).orElse(0);
            store.discardAfter(studyId, trial.id(), from);
            List<MetricRow> finals = new ArrayList<>();
            List<MetricRow> pending = new ArrayList<>();
            TrainingObserver observer = new TrainingObserver() {
                @Override
                public void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
                    display.step(epoch, epochs, batch, batches, loss, tokensPerSecond);
                }

                @Override
                public void metric(String split, String name, Integer epoch, double value) {
                    if (epoch == null) {
                        finals.add(new MetricRow(trial.id(), split, name, null, value));
                    } else {
                        pending.add(new MetricRow(trial.id(), split, name, epoch, value));
                    }
                    display.metric(split, name, epoch, value);
                }

                @Override
                public void epochDone(int epoch) {
                    store.recordMetrics(studyId, pending);
                    pending.clear();
                    display.epochDone(epoch);
                }

                @Override
                public void resumed(int epoch) {
                    display.resumed(epoch);
                }
            };
            new Trainer().run(trial, observer, checkpoints);
            store.finishTrial(studyId, trial.id(), finals);
            checkpoints.clear();
            return Outcome.FINISHED;
        } catch (TrainingDiverged divergence) {
            store.divergeTrial(studyId, trial.id(), divergence.getMessage());
            checkpoints.clear();
            display.diverged(divergence);
            return Outcome.DIVERGED;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            LOG.debug("trial {} failed", trial.id(), e);
            store.failTrial(studyId, trial.id(), describe(e));
            display.failed(e);
            return Outcome.FAILED;
        }
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
