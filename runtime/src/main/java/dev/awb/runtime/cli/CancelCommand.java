package dev.awb.runtime.cli;

import dev.awb.runtime.cluster.ArraySubmission;
import dev.awb.runtime.cluster.Slurm;
import dev.awb.runtime.cluster.SlurmLauncher;
import dev.awb.runtime.cluster.TaskState;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb cancel STUDY}: cancels the study's live Slurm array jobs ({@code scancel}) and says which tasks
 * and trials that stopped.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel the queued and running Slurm tasks of a study submitted with 'awb run --launcher slurm'.",
            "Finished trials stay in the store; the cancelled ones show as failed in 'awb status' and are submitted"
                + " again by the next 'awb run FILE --launcher slurm'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cancelled, or nothing was queued or running", "1:Slurm failed or is missing, or the store"
                + " cannot be read", "2:no such study"})
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", description = "The study id.")
    String study;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ResultsStore results = store.open()) {
            StudyRecord record = StatusCommand.find(results, study, spec.commandLine().getErr());
            if (record == null) {
                return ExitCodes.BAD_INPUT;
            }
            Slurm.require("scancel");
            Path dir = Path.of(record.dir());
            Slurm slurm = new Slurm();
            List<TaskState> live = new SlurmLauncher(slurm).liveTasks(dir);
            if (live.isEmpty()) {
                out.println("[slurm] nothing to cancel: study " + record.id() + " has no queued or running task");
                return ExitCodes.OK;
            }
            Map<String, List<TaskState>> byJob = new LinkedHashMap<>();
            live.stream().sorted(Comparator.comparingInt(TaskState::index))
                    .forEach(t -> byJob.computeIfAbsent(t.jobId(), k -> new ArrayList<>()).add(t));
            slurm.cancel(byJob.keySet());
            Map<String, ArraySubmission> submissions = new LinkedHashMap<>();
            ArraySubmission.of(dir).forEach(s -> submissions.put(s.jobId(), s));
            byJob.forEach((job, tasks) -> {
                long running = tasks.stream().filter(t -> "RUNNING".equals(t.state())).count();
                out.printf("[slurm] cancelled job %s: %d running, %d queued task(s); trials %s%n", job, running,
                        tasks.size() - running, tasks.stream().map(t -> submissions.get(job).trialOf(t.index()))
                                .collect(Collectors.joining(" ")));
            });
            return ExitCodes.OK;
        }
    }
}
