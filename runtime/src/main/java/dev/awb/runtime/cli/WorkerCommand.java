package dev.awb.runtime.cli;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.VisibleGpus;
import dev.awb.runtime.experiment.FrozenTrial;
import dev.awb.runtime.experiment.FrozenTrialUnavailable;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.study.Heartbeat;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.study.StudyDirectoryUnwritable;
import dev.awb.runtime.study.TrialRun;
import dev.awb.runtime.study.WorkerEvents;
import dev.awb.runtime.train.TrainingObserver;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb worker}: runs one trial of a study in this process; started by {@code awb run} (one process per
 * trial) and by cluster launchers. Progress goes to standard output as {@link WorkerEvents}.
 *
 * <p>The worker runs what the driver resolved: its trial's frozen configuration from the store (the row the
 * planning run registered, also in the study's {@code plan.jsonl}), bound to the exact plugin versions it names
 * ({@link FrozenTrial}). It never reads the experiment file, so editing the file or installing a newer plugin while
 * a study runs changes nothing for its remaining trials.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Run one trial of a study (started by 'awb run'; not meant to be called by hand).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trial finished (now or earlier)", "1:the trial failed (recorded in the store)",
            "2:no such study or trial, or a plugin version the trial was planned with is not installed",
            "3:another process holds the trial (its claim), or took it over; not run",
            "4:the trial directory cannot be written (full disk, read-only); the trial is interrupted"})
final class WorkerCommand implements Callable<Integer> {
    /** The exit code of a worker that did not run its trial because another process holds it. */
    static final int NOT_CLAIMED = 3;

    @Option(names = "--study", required = true, description = "The study id.")
    String study;

    @Option(names = "--store", required = true, description = "The results store.")
    String store;

    @Option(names = "--trial", required = true, description = "The trial id (configuration hash).")
    String trialId;

    @Option(names = "--progress", paramLabel = "events|plain", defaultValue = "events",
            description = "events: '@awb' JSON lines for the driver reading standard output (default); plain: readable"
                    + " lines on standard error, one per epoch and at least every 30 s (batch jobs, logs).")
    String progress;

    @Option(names = "--device", paramLabel = "cpu|cuda|cuda:N", converter = DeviceConverter.class,
            description = "The device the trial must run on, as its driver chose it (default: cuda in a CUDA"
                    + " distribution and cpu otherwise). The backend is chosen by the environment this process"
                    + " started with (BACKEND_PRIORITY_CPU/GPU, CUDA_VISIBLE_DEVICES); a mismatch fails the trial.")
    Device device;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Option(names = "--claim", paramLabel = "TOKEN",
            description = "The claim on the trial its driver made for this worker (without it, the worker claims the"
                    + " trial itself, as Slurm tasks do). A worker never runs a trial it does not hold.")
    String claimToken;

    @Override
    public Integer call() {
        PrintStream events = System.out;
        PrintWriter err = spec.commandLine().getErr();
        if (!"events".equals(progress) && !"plain".equals(progress)) {
            err.println("error: --progress must be one of [events, plain], found [" + progress + "]");
            return ExitCodes.BAD_INPUT;
        }
        Device required = device != null ? device : Device.defaultFor(LoadedBackend.cudaInDistribution());
        if (required.cuda()) {
            // Probe CUDA before ND4J does, so that a failed trial names the real cause (see cudaFailure).
            LoadedBackend.cudaFailure();
        }
        LeaseTerms terms = LeaseTerms.configured();
        try (ResultsStore results = ResultsStore.open(store)) {
            StudyRecord record = results.study(study).orElse(null);
            if (record == null) {
                err.println("error: the store " + store + " has no study '" + study + "'");
                return ExitCodes.BAD_INPUT;
            }
            // Claim (or take over the driver's claim) before the slow start-up: nobody else may start the trial.
            Optional<Claim> claimed = claimToken != null
                    ? results.adopt(study, trialId, claimToken, TrialRun.workerName(), terms)
                    : results.claim(study, trialId, TrialRun.workerName(), terms);
            if (claimed.isEmpty()) {
                return notClaimed(results, err);
            }
            Claim claim = claimed.get();
            try (Heartbeat heartbeat = Heartbeat.start(results.url(), terms)) {
                heartbeat.add(claim);
                Thread hook = new Thread(() -> heartbeat.interrupt(claim, "interrupted: worker " + claim.owner()
                        + " was stopped (SIGTERM or Ctrl-C); the next run resumes it from its checkpoint"),
                        "awb-worker-interrupted");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    return run(results, record, claim, required, events, err);
                } catch (RuntimeException e) {
                    if (!(e instanceof StudyDirectoryUnwritable)) {
                        results.failTrial(claim, TrialRun.describe(e));
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
    }

    private int run(ResultsStore results, StudyRecord record, Claim claim, Device required, PrintStream events,
            PrintWriter err) {
        TrialRecord stored = results.trial(study, trialId).orElseThrow();
        int count = results.trials(study).size();
        try (OsgiHost osgi = host.start(err)) {
            Trial trial;
            try {
                trial = FrozenTrial.thaw(stored.index(), stored.labelMap(), stored.config(), stored.id(),
                        osgi.plugins());
            } catch (FrozenTrialUnavailable e) {
                results.failTrial(claim, e.getMessage());
                err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            Path trialDir = Study.trialDirectory(Path.of(record.dir()), trialId);
            TrainingObserver display = "plain".equals(progress)
                    ? RunCommand.display(err, false, trial, count) : WorkerEvents.writer(events);
            describeProcess(err, required);
            TrialRun.Outcome outcome;
            try {
                outcome = TrialRun.run(results, claim, trial, trialDir, display, required);
            } catch (StudyDirectoryUnwritable e) {
                err.println("error: " + e.getMessage());
                return StudyDirectoryUnwritable.WORKER_EXIT_CODE;
            }
            if ("plain".equals(progress)) {
                err.printf("[trial %d/%d] %s %s%n", trial.index(), count, trial.label(),
                        outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            return switch (outcome) {
                case FAILED -> ExitCodes.FAILURE;
                case CLAIM_LOST -> NOT_CLAIMED;
                default -> ExitCodes.OK;
            };
        }
    }

    /** Says why the trial is not this worker's to run: done, or held by another owner (exit 0 or 3). */
    private int notClaimed(ResultsStore results, PrintWriter err) {
        TrialRecord trial = results.trial(study, trialId).orElse(null);
        if (trial == null) {
            err.println("error: study '" + study + "' has no trial " + trialId);
            return ExitCodes.BAD_INPUT;
        }
        if (trial.isDone()) {
            err.println("[worker] trial " + trialId + " is " + trial.status() + " already; nothing to run");
            return ExitCodes.OK;
        }
        err.println("[worker] trial " + trialId + " is " + trial.status() + (trial.worker() == null ? ""
                : " under " + trial.worker() + " since " + trial.started()) + (claimToken == null ? ""
                : "; the claim its driver made (" + claimToken + ") is no longer held") + "; not running it");
        return NOT_CLAIMED;
    }

    /** One line for the trial's log: the limits and device this worker process got from its driver. */
    private static void describeProcess(PrintWriter err, Device device) {
        err.printf(Locale.ROOT, "[worker] pid %d, heap max %d MiB, JavaCPP maxbytes %d MiB, maxphysicalbytes %d MiB,"
                + " headless %s; device %s, ND4J backend %s, %s=%s%n", ProcessHandle.current().pid(),
                Runtime.getRuntime().maxMemory() >> 20, Pointer.maxBytes() >> 20, Pointer.maxPhysicalBytes() >> 20,
                System.getProperty("java.awt.headless"), device, LoadedBackend.name(),
                VisibleGpus.CUDA_VISIBLE_DEVICES, System.getenv(VisibleGpus.CUDA_VISIBLE_DEVICES));
        err.flush();
    }
}
