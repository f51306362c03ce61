package dev.awb.runtime.study;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.ClaimLost;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.train.Checkpoints;
import dev.awb.runtime.train.Trainer;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one trial of a study, in this process, against the store, under a {@link Claim} on it.
 *
 * <p>Checks that the trial's directory takes a write, records its {@link Provenance}, forgets what an
 * interrupted attempt recorded after its last checkpoint, trains from that checkpoint, records per-epoch metrics
 * as they come and the final ones together with the {@code finished} status. Every write is made under the claim:
 * if another process took the trial over (this one's lease expired), the next write fails and training stops
 * without a checkpoint. A trial whose training loss becomes NaN or infinite is recorded as {@code diverged}
 * (final). A trial that throws (or runs out of memory) is recorded as failed with its error; its checkpoint stays
 * for the next attempt. A trial directory that cannot be written stops the study ({@link
 * StudyDirectoryUnwritable}): the trial goes back to {@code interrupted}.
 */
public final class TrialRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrialRun.class);

    /** How an attempt ended. */
    public enum Outcome {
        FINISHED, DIVERGED, FAILED,
        /** Another process took the trial over (this one's claim was lost); nothing more was written. */
        CLAIM_LOST
    }

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
     * Runs {@code trial}, held by {@code claim}, its files in {@code trialDir}, reporting to {@code display}, after
     * checking that ND4J loaded the backend of {@code device} (null: no check): a CUDA trial in a process that fell
     * back to the CPU fails with the reason instead of training.
     *
     * @throws StudyDirectoryUnwritable when {@code trialDir} cannot be written (the trial is then interrupted)
     */
    public static Outcome run(ResultsStore store, Claim claim, Trial trial, Path trialDir, TrainingObserver display,
            Device device) {
        try {
            StudyDirectoryUnwritable.requireWritable(trialDir);
        } catch (StudyDirectoryUnwritable e) {
            store.interrupt(claim, e.getMessage());
            throw e;
        }
        Checkpoints checkpoints = new Checkpoints(trialDir);
        try {
            store.recordProvenance(claim, ProvenanceProbe.capture(trial).toJson());
            if (device != null) {
                LoadedBackend.require(device);
            }
            int from = checkpoints.latest().map(Checkpoints.State::epoch).orElse(0);
            store.discardAfter(claim, from);
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
                    // Before the trainer writes the epoch's checkpoint: a lost claim stops it here.
                    store.recordMetrics(claim, pending);
                    pending.clear();
                    display.epochDone(epoch);
                }

                @Override
                public void resumed(int epoch) {
                    display.resumed(epoch);
                }
            };
            Trainer.Outcome outcome = new Trainer().run(trial, observer, checkpoints);
            if (outcome.maps() != null) {
                outcome.maps().write(Study.attentionMapsFile(trialDir));
            }
            store.finishTrial(claim, finals);
            checkpoints.clear();
            return Outcome.FINISHED;
        } catch (ClaimLost lost) {
            LOG.info("{}", lost.getMessage());
            return Outcome.CLAIM_LOST;
        } catch (TrainingDiverged divergence) {
            try {
                store.divergeTrial(claim, divergence.getMessage());
            } catch (ClaimLost lost) {
                return Outcome.CLAIM_LOST;
            }
            checkpoints.clear();
            display.diverged(divergence);
            return Outcome.DIVERGED;
        } catch (UncheckedIOException e) {
            if (!StudyDirectoryUnwritable.writable(trialDir)) {
                // A full disk or a lost mount: every other trial would fail the same way.
                String message = StudyDirectoryUnwritable.message(trialDir, e.getCause() != null ? e.getCause() : e);
                store.interrupt(claim, message);
                throw new StudyDirectoryUnwritable(message, e);
            }
            return failed(store, claim, trial, display, e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return failed(store, claim, trial, display, e);
        }
    }

    private static Outcome failed(ResultsStore store, Claim claim, Trial trial, TrainingObserver display,
            Throwable e) {
        LOG.debug("trial {} failed", trial.id(), e);
        if (!store.failTrial(claim, describe(e))) {
            return Outcome.CLAIM_LOST;
        }
        display.failed(e);
        return Outcome.FAILED;
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
