package dev.awb.runtime.study;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.experiment.FrozenTrial;
import dev.awb.runtime.experiment.FrozenTrialUnavailable;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.PluginRegistry;
import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialNotFound;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.train.TrainingObserver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A worker: one trial of a study run in this process, from its frozen configuration, under a claim on it
 * ({@code awb worker}, started by the driver of {@code awb run} — one process per trial — and by Slurm tasks).
 *
 * <p>The worker runs what the driver resolved: its trial's frozen configuration from the store (the row the
 * planning run registered, also in the study's {@code plan.jsonl}), bound to the exact plugin versions it names
 * ({@link FrozenTrial}). It never reads the experiment file, so editing the file or installing a newer plugin while
 * a study runs changes nothing for its remaining trials. It claims the trial (or takes over the claim its driver
 * made) before the slow start-up, renews the claim's lease while it trains ({@link Heartbeat}), and gives the trial
 * back as {@code interrupted} when the process is stopped (SIGTERM, Ctrl-C).
 */
public final class TrialWorker {
    /**
     * How a worker ended, with the exit code of its process (the driver reads it: see {@link StudyDriver}).
     */
    public enum Ending {
        /** The trial finished or diverged now. */
        RAN(0),
        /** The trial was done before; nothing ran. */
        ALREADY_DONE(0),
        /** The trial failed (recorded in the store). */
        FAILED(1),
        /** Another process holds the trial, or took it over while this one ran; nothing more was written. */
        NOT_CLAIMED(3),
        /** The trial directory cannot be written; the trial is given back as {@code interrupted}. */
        DIRECTORY_UNWRITABLE(StudyDirectoryUnwritable.WORKER_EXIT_CODE);

        private final int exitCode;

        Ending(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of the worker process. */
        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * How a worker ended.
     *
     * @param ending how
     * @param detail what to tell the user: why it did not run, or the error; null when it ran
     * @param trial the trial it ran, or null when it did not start one
     * @param outcome how the trial's attempt ended, or null when it did not start one
     */
    public record Result(Ending ending, String detail, Trial trial, TrialRun.Outcome outcome) {
    }

    /**
     * What a worker runs.
     *
     * @param studyId the study
     * @param trialId the trial's full id
     * @param claimToken the claim its driver made for it, or null to claim the trial itself (Slurm tasks)
     * @param device the device the trial must run on
     */
    public record Assignment(String studyId, String trialId, String claimToken, Device device) {
    }

    private TrialWorker() {
    }

    /**
     * Runs the assigned trial.
     *
     * @param host starts the plugin runtime; called once the trial is claimed, closed after the trial
     * @param display the observer of the trial, given the trial and the number of trials in its study; called right
     *     before training starts
     * @throws dev.awb.runtime.store.StudyNotFound if the store has no such study
     * @throws FrozenTrialUnavailable if a plugin version the trial was planned with is not installed (the trial is
     *     recorded as failed with the reason)
     */
    public static Result run(ResultsStore results, Assignment assignment,
            Supplier<OsgiHost> host,
            BiFunction<Trial, Integer, TrainingObserver> display) {
        StudyRecord study = StoreLookup.study(results, assignment.studyId());
        LeaseTerms terms = LeaseTerms.configured();
        Optional<Claim> claimed = assignment.claimToken() != null
                ? results.adopt(study.id(), assignment.trialId(), assignment.claimToken(), TrialRun.workerName(), terms)
                : results.claim(study.id(), assignment.trialId(), TrialRun.workerName(), terms);
        if (claimed.isEmpty()) {
            return notClaimed(results, assignment);
        }
        Claim claim = claimed.get();
        try (Heartbeat heartbeat = Heartbeat.start(results.url(), terms)) {
            heartbeat.add(claim);
            Thread hook = new Thread(() -> heartbeat.interrupt(claim, "interrupted: worker " + claim.owner()
                    + " was stopped (SIGTERM or Ctrl-C); the next run resumes it from its checkpoint"),
                    "awb-worker-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
            try (OsgiHost osgi = host.get()) {
                return run(results, study, claim, assignment.device(), osgi.plugins(), display);
            } catch (RuntimeException e) {
                if (!(e instanceof StudyDirectoryUnwritable)) {
                    results.failTrial(claim, e instanceof FrozenTrialUnavailable ? e.getMessage()
                            : TrialRun.describe(e));
                }
                throw e;
            } finally {
                heartbeat.remove(claim);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs: the trial is being marked interrupted.
                }
            }
        }
    }

    private static Result run(ResultsStore results, StudyRecord study, Claim claim, Device device,
            PluginRegistry registry, BiFunction<Trial, Integer, TrainingObserver> display) {
        TrialRecord stored = results.trial(study.id(), claim.trialId()).orElseThrow();
        int count = results.trials(study.id()).size();
        Trial trial = FrozenTrial.thaw(stored.index(), stored.labelMap(), stored.config(), stored.id(), registry);
        Path trialDir = Study.trialDirectory(Path.of(study.dir()), stored.id());
        TrialRun.Outcome outcome;
        try {
            outcome = TrialRun.run(results, claim, trial, trialDir, display.apply(trial, count), device);
        } catch (StudyDirectoryUnwritable e) {
            return new Result(Ending.DIRECTORY_UNWRITABLE, e.getMessage(), trial, null);
        }
        Ending ending = switch (outcome) {
            case FAILED -> Ending.FAILED;
            case CLAIM_LOST -> Ending.NOT_CLAIMED;
            default -> Ending.RAN;
        };
        return new Result(ending, null, trial, outcome);
    }

    /** Why the trial is not this worker's to run: done, or held by another owner. */
    private static Result notClaimed(ResultsStore results, Assignment assignment) {
        TrialRecord trial = results.trial(assignment.studyId(), assignment.trialId()).orElseThrow(() ->
                new TrialNotFound("study '" + assignment.studyId() + "' has no trial " + assignment.trialId()));
        if (trial.isDone()) {
            return new Result(Ending.ALREADY_DONE, "trial " + trial.id() + " is " + trial.status()
                    + " already; nothing to run", null, null);
        }
        return new Result(Ending.NOT_CLAIMED, "trial " + trial.id() + " is " + trial.status()
                + (trial.worker() == null ? "" : " under " + trial.worker() + " since " + trial.started())
                + (assignment.claimToken() == null ? "" : "; the claim its driver made (" + assignment.claimToken()
                + ") is no longer held") + "; not running it", null, null);
    }
}
