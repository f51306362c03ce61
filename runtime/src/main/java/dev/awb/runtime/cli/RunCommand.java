package dev.awb.runtime.cli;

import dev.awb.runtime.cluster.Slurm;
import dev.awb.runtime.cluster.SlurmLauncher;
import dev.awb.runtime.cluster.TaskState;
import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.device.InvalidDeviceException;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.VisibleGpus;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.study.StudyPlanner;
import dev.awb.runtime.report.StudyReport;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLocation;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.study.StudyDriver;
import dev.awb.runtime.study.StudyRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb run FILE}: validates an experiment against the live plugins, runs every unfinished trial of its
 * study in worker processes, and writes the study's report.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validate an experiment, run every unfinished trial of its study (in parallel worker processes),"
                + " store every metric and write the report.",
            "Running the same command again continues the study: finished trials are skipped, interrupted ones"
                + " resume from their last epoch checkpoint. --fresh starts a new study.",
            "--launcher slurm submits the unfinished trials as one Slurm array job instead and returns at once"
                + " (exit 0 once submitted); see 'awb status' and 'awb cancel'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every trial finished (or diverged: NaN/inf loss, recorded as such)", "1:the run itself failed (plugins, store, file system)",
            "2:invalid experiment file or option; nothing was run or stored",
            "10+N:N trials failed (capped at 110); the others ran, see the report"})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The experiment YAML file.")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "PATH=VALUE",
            description = "Override a value of the file, e.g. -s optimizer.with.lr=3e-4 -s seeds=[1,2]"
                    + " (graph node paths, or top-level keys: seeds, sweep.AXIS, ...). Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--fresh", description = "Start a new study instead of continuing the latest one of this experiment.")
    boolean fresh;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker processes running trials at a time (default: one per core, no more than the available memory"
                    + " holds at -Dawb.worker.memory each, 2g unless set, at most one per trial);"
                    + " 0 runs the trials one by one inside this process.")
    Integer workers;

    @Option(names = "--threads-per-worker", paramLabel = "N",
            description = "OpenMP threads of each worker (default: cores / workers, at least 1).")
    Integer threadsPerWorker;

    @Option(names = "--device", paramLabel = "cpu|cuda|cuda:N", converter = DeviceConverter.class,
            description = "Where trials run (default: the file's 'device:', else cuda in a CUDA distribution and cpu"
                    + " otherwise). cuda: one worker per visible GPU (CUDA_VISIBLE_DEVICES, else nvidia-smi), each"
                    + " pinned to its GPU; cuda:N: the N-th visible GPU only. Where no CUDA backend can load (the"
                    + " reason 'awb doctor' gives) the run is refused before anything starts; it never runs on the CPU"
                    + " instead.")
    Device device;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = ResultsStore.DEFAULT_RUNS,
            description = "Where study directories are created (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL|env:VAR",
            description = "Results store: a SQLite file, a JDBC URL without a password, or env:VAR for one kept in the"
                    + " environment variable VAR (default: the file's 'store:', else RUNS/awb.sqlite).")
    String store;

    @Mixin
    LauncherOptions launch;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((workers != null && workers < 0) || (threadsPerWorker != null && threadsPerWorker < 1)) {
            err.println("error: --workers must be at least 0 and --threads-per-worker at least 1");
            return ExitCodes.BAD_INPUT;
        }
        String launchProblem = launch.slurm() && workers != null ? "--workers needs --launcher local" : launch.problem();
        if (launchProblem != null) {
            err.println("error: " + launchProblem);
            return ExitCodes.BAD_INPUT;
        }
        if (launch.slurm()) {
            Slurm.require("sbatch");
        }
        ExperimentFile experiment = ExperimentReader.read(file, overrides);
        Device chosen = device != null ? device : experiment.device() != null ? experiment.device()
                : Device.defaultFor(LoadedBackend.cudaInDistribution());
        if (launch.slurm() && chosen.index() != null) {
            err.println("error: --device " + chosen + " cannot be used with --launcher slurm: Slurm assigns each task"
                    + " its GPUs (ask with --gres gpu:1 and --device cuda)");
            return ExitCodes.BAD_INPUT;
        }
        DeviceAssignment devices;
        try {
            // Slurm tasks see the GPUs Slurm gives them, not the submitting machine's.
            devices = DeviceAssignment.of(chosen, chosen.cuda() && !launch.slurm() ? VisibleGpus.detect()
                    : new VisibleGpus(List.of(), false, launch.slurm() ? "assigned by Slurm" : "not needed on the CPU"));
        } catch (InvalidDeviceException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (workers != null && workers > devices.slots()) {
            err.printf("error: --workers %d exceeds the %d GPU(s) of %s: one trial per GPU at a time%n", workers,
                    devices.slots(), devices.describe());
            return ExitCodes.BAD_INPUT;
        }
        if (workers != null && workers == 0 && chosen.cuda() && chosen.index() != null) {
            err.println("error: --workers 0 runs trials in this process, whose GPUs were fixed when it started;"
                    + " device " + chosen + " needs worker processes (--workers 1)");
            return ExitCodes.BAD_INPUT;
        }
        DeviceChoice.require(chosen, device, experiment, devices.environment(0), !launch.slurm());
        String runsProblem = RunsFolder.problem(runs);
        if (runsProblem != null) {
            err.println("error: " + runsProblem);
            return ExitCodes.BAD_INPUT;
        }
        try (OsgiHost osgi = host.start(err)) {
            StudyPlan plan = StudyPlanner.plan(osgi.plugins(), experiment);
            String storeLocation = store != null ? store
                    : experiment.store() != null ? experiment.store() : ResultsStore.defaultLocation(runs);
            try (ResultsStore results = ResultsStore.open(storeLocation)) {
                StudyRun run = StudyRun.open(results, plan, overrides, runs, fresh);
                Study study = run.study();
                int processes = run.workers(workers, devices);
                int threads = StudyRun.threadsPerWorker(threadsPerWorker, processes);
                err.printf("[plan] %s  (study %s%s, store: %s)%n", plan.summary(), study.id(),
                        study.resumed() ? ", continued: " + run.finished() + " finished before" : "",
                        ResultsStore.redacted(storeLocation));
                if (launch.slurm()) {
                    List<String> worker = workerArguments(study.id(), storeLocation, plan);
                    worker.addAll(List.of("--progress", "plain", "--device", chosen.toString()));
                    String storeOption = store == null && experiment.store() == null && runs.equals(Path.of(ResultsStore.DEFAULT_RUNS))
                            ? "" : " --store " + worker.get(worker.indexOf("--store") + 1);
                    return launch.submit(results, study, plan, Awb.processCommand(worker), threadsPerWorker,
                            devices.environment(0), storeOption, out, err);
                }
                List<TaskState> queued = SlurmLauncher.liveTasksSeenHere(study.directory());
                if (!queued.isEmpty()) {
                    err.printf("error: study %s has %d trial(s) queued or running in Slurm (%s); wait for them ('awb status"
                            + " %s') or cancel them ('awb cancel %s') before running it here%n", study.id(), queued.size(),
                            queued.stream().map(TaskState::name).collect(Collectors.joining(" ")), study.id(), study.id());
                    return ExitCodes.FAILURE;
                }
                err.printf("[run] %d trial(s) to run, %s; %s%n", run.toRun(), processes == 0 ? "in this process"
                        : processes + " worker process(es) x " + threads + " thread(s)", devices.describe());
                List<String> worker = workerArguments(study.id(), storeLocation, plan);
                worker.addAll(List.of("--device", chosen.toString()));
                StudyDriver driver = new StudyDriver(results, study,
                        new StudyDriver.Settings(processes, threads, Awb.processCommand(worker), devices), err);
                boolean terminal = System.console() != null;
                int count = plan.trials().size();
                StudyDriver.Result result = driver.run(plan,
                        trial -> TrialDisplay.of(err, processes <= 1 && terminal, trial, count));
                Path report = StudyReport.load(results, study.id()).write(study.directory());
                err.printf("[done] %d finished, %d failed, %d skipped (finished earlier)%s%n", result.finished(),
                        result.failed(), result.skipped(), result.diverged() == 0 ? ""
                                : ", " + result.diverged() + " diverged (NaN/inf loss; left out of the statistics)");
                out.printf("[report] %s  %s  %s%n", study.directory(), report.getFileName(), "results.csv");
                return result.failed() == 0 ? ExitCodes.OK : ExitCodes.trialsFailed(result.failed());
            }
        }
    }

    /** The arguments of {@code awb worker} for this run's trials (without {@code --trial}), paths absolute. */
    private List<String> workerArguments(String studyId, String storeLocation, StudyPlan plan) {
        // env:NAME, a file's absolute path or a URL without a password: the password never reaches an argument list.
        String workerStore = StoreLocation.of(storeLocation).forWorkers();
        // No file, overrides or plugin versions: a worker runs its trial's frozen configuration from the store.
        return new ArrayList<>(List.of("worker", "--study", studyId, "--store", workerStore, "--plugins",
                host.plugins.toAbsolutePath().toString()));
    }
}
