package dev.awb.runtime.cli;

import dev.awb.runtime.cluster.Slurm;
import dev.awb.runtime.cluster.SlurmLauncher;
import dev.awb.runtime.cluster.TaskState;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.study.Study;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code awb run}'s choice of where trials run: worker processes here ({@code local}), or a Slurm array job
 * ({@code slurm}) with its scheduling options.
 */
final class LauncherOptions {
    @Option(names = "--launcher", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where trials run: local worker processes (default), or slurm: submit the unfinished trials"
                    + " as one Slurm array job (sbatch --array) and return; each task runs one trial against the"
                    + " store, which must be a PostgreSQL JDBC URL for several nodes (a SQLite file only works on one"
                    + " node's local disk). Follow with 'awb status STUDY', stop with 'awb cancel STUDY'.")
    String launcher;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (sbatch --partition).")
    String partition;

    @Option(names = "--gres", paramLabel = "G", description = "Generic resources per trial, e.g. gpu:1 (sbatch --gres).")
    String gres;

    @Option(names = "--time", paramLabel = "T", description = "Time limit per trial, e.g. 2:00:00 (sbatch --time).")
    String time;

    @Option(names = "--max-parallel", paramLabel = "K", description = "Trials running at a time (sbatch --array=...%%K).")
    Integer maxParallel;

    boolean slurm() {
        return "slurm".equals(launcher);
    }

    /** What is wrong with these options, or null. */
    String problem() {
        if (!List.of("local", "slurm").contains(launcher)) {
            return "--launcher must be one of [local, slurm], found [" + launcher + "]";
        }
        if (maxParallel != null && maxParallel < 1) {
            return "--max-parallel must be at least 1, found [" + maxParallel + "]";
        }
        if (!slurm() && (partition != null || gres != null || time != null || maxParallel != null)) {
            return "--partition, --gres, --time and --max-parallel need --launcher slurm";
        }
        return null;
    }

    /** Submits the study's unfinished trials; prints what happened and how to follow it. */
    int submit(ResultsStore store, Study study, StudyPlan plan, List<String> workerCommand, Integer threads,
            Map<String, String> deviceEnvironment, String storeOption, PrintWriter out, PrintWriter err) {
        if (store.url().startsWith("jdbc:sqlite:")) {
            err.println("[slurm] SQLite store " + store.url() + ": every task must run on this node (local disk);"
                    + " use a PostgreSQL JDBC URL (--store) for several nodes");
        }
        // What the batch script exports for the worker besides OMP_NUM_THREADS: the backend choice (Slurm sets
        // CUDA_VISIBLE_DEVICES itself from --gres).
        Map<String, String> environment = new LinkedHashMap<>(deviceEnvironment);
        SlurmLauncher.Options options = new SlurmLauncher.Options(partition, gres, time, maxParallel, threads,
                environment);
        List<String> planned = plan.trials().stream().map(Trial::id).toList();
        SlurmLauncher.Submission submission = new SlurmLauncher(new Slurm()).submit(store, study, planned,
                workerCommand, options);
        String follow = "awb status " + study.id() + storeOption;
        if (!submission.queued().isEmpty()) {
            err.printf("[slurm] %d trial(s) already queued or running: %s%n", submission.queued().size(),
                    submission.queued().stream().map(TaskState::name).collect(Collectors.joining(" ")));
        }
        if (submission.job() == null && submission.queued().isEmpty()) {
            out.printf("[slurm] nothing to submit: all %d trial(s) finished; report: awb report %s%s%n",
                    submission.finished(), study.id(), storeOption);
            return ExitCodes.OK;
        }
        if (submission.job() == null) {
            out.printf("[slurm] nothing to submit: %d finished, %d queued or running; follow with '%s'%n",
                    submission.finished(), submission.queued().size(), follow);
            return ExitCodes.OK;
        }
        int count = submission.job().trialIds().size();
        err.printf("[slurm] %d trial(s) submitted (%d finished before)%s%n", count, submission.finished(),
                maxParallel != null ? ", at most " + maxParallel + " at a time" : "");
        out.println("[slurm] job " + submission.job().jobId() + " (array 0-" + (count - 1) + ", study " + study.id() + ")");
        out.println("[slurm] follow: " + follow + "   logs: " + study.directory().resolve("logs")
                + "   cancel: awb cancel " + study.id() + storeOption);
        out.println("[slurm] report when done: awb report " + study.id() + storeOption);
        return ExitCodes.OK;
    }
}
