package dev.awb.runtime.cli;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.VisibleGpus;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.study.TrialWorker;
import dev.awb.runtime.study.WorkerEvents;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb worker}: runs one trial of a study in this process ({@link TrialWorker}); started by {@code awb run}
 * (one process per trial) and by cluster launchers. Progress goes to standard output as {@link WorkerEvents}, or as
 * readable lines on standard error ({@code --progress plain}).
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Run one trial of a study (started by 'awb run'; not meant to be called by hand).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trial finished (now or earlier)", "1:the trial failed (recorded in the store)",
            "2:no such study or trial, or a plugin version the trial was planned with is not installed",
            "3:another process holds the trial (its claim), or took it over; not run",
            "4:the trial directory cannot be written (full disk, read-only); the trial is interrupted"})
final class WorkerCommand implements Callable<Integer> {
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
        boolean plain = "plain".equals(progress);
        try (ResultsStore results = ResultsStore.open(store)) {
            TrialWorker.Result result = TrialWorker.run(results,
                    new TrialWorker.Assignment(study, trialId, claimToken, required), () -> host.start(err),
                    (trial, count) -> {
                        describeProcess(err, required);
                        return plain ? TrialDisplay.of(err, false, trial, count) : WorkerEvents.writer(events);
                    });
            switch (result.ending()) {
                case DIRECTORY_UNWRITABLE -> err.println("error: " + result.detail());
                case ALREADY_DONE, NOT_CLAIMED -> {
                    if (result.detail() != null) {
                        err.println("[worker] " + result.detail());
                    }
                }
                default -> { }
            }
            if (plain && result.outcome() != null) {
                Trial trial = result.trial();
                err.printf("[trial %d/%d] %s %s%n", trial.index(), results.trials(study).size(), trial.label(),
                        result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            return result.ending().exitCode();
        }
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
