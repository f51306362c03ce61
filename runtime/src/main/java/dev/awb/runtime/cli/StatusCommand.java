package dev.awb.runtime.cli;

import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.cluster.ArraySubmission;
import dev.awb.runtime.cluster.Slurm;
import dev.awb.runtime.cluster.SlurmException;
import dev.awb.runtime.cluster.StudyStatus;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb status STUDY}: where each trial of a study stands, from the results store merged with the Slurm
 * tasks of the study's array jobs ({@code squeue}, {@code scontrol show job}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each trial of a study: pending, running, finished, diverged, failed or interrupted, with the"
                + " Slurm task that runs or ran it (for --launcher slurm studies), its log, and the error of failed"
                + " trials. A running trial whose worker stopped renewing its claim's lease (killed, machine lost)"
                + " shows as 'running (stale)' with the time of its last heartbeat.",
            "A trial whose Slurm task ended without a result in the store (time limit, memory, scancel, lost"
                + " node) shows as failed; 'awb run FILE --launcher slurm' submits it again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:status shown", "1:the store cannot be read, or Slurm did not answer (store states shown)",
            "2:no such study"})
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", description = "The study id (awb run prints it; usually the experiment's name).")
    String study;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ResultsStore results = store.open()) {
            StudyRecord record = StoreLookup.study(results, study);
            boolean slurmHere = Slurm.find("squeue").isPresent();
            boolean submitted = !ArraySubmission.of(Path.of(record.dir())).isEmpty();
            int code = ExitCodes.OK;
            StudyStatus status;
            try {
                status = StudyStatus.of(results, record, slurmHere ? new Slurm() : null);
            } catch (SlurmException e) {
                err.println("error: " + e.getMessage() + "; showing the store's states only");
                status = StudyStatus.of(results, record, null);
                code = ExitCodes.FAILURE;
            }
            if (submitted && !slurmHere) {
                err.println("[slurm] 'squeue' is not on PATH here: showing the store's states only");
            }
            print(status, out);
            return code;
        }
    }

    private static void print(StudyStatus status, PrintWriter out) {
        StudyRecord study = status.study();
        List<ArraySubmission> jobs = ArraySubmission.of(Path.of(study.dir()));
        out.printf("study %s  (%s%s)%n", study.id(), study.dir(), jobs.isEmpty() ? ""
                : ", Slurm job(s) " + jobs.stream().map(ArraySubmission::jobId).collect(Collectors.joining(" ")));
        int count = status.trials().size();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"trial", "id", "status", "slurm", "labels"});
        for (StudyStatus.Trial trial : status.trials()) {
            rows.add(new String[] {trial.record().index() + "/" + count, trial.record().id(),
                StudyStatus.STALE.equals(trial.status()) ? "running (stale)" : trial.status(), slurm(trial), labels(trial.record())});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
            StudyStatus.Trial trial = r == 0 ? null : status.trials().get(r - 1);
            if (trial != null && trial.detail() != null) {
                out.println((TrialStatus.DIVERGED.is(trial.status()) || StudyStatus.STALE.equals(trial.status()) ? "      "
                        : "      error: ") + trial.detail());
            }
            if (trial != null && trial.log() != null && !TrialStatus.FINISHED.is(trial.status())) {
                out.println("      log:   " + trial.log());
            }
        }
        // interrupted and stale are rare: named only when some trial is.
        out.println(count + " trial(s): " + StudyStatus.STATUSES.stream()
                .filter(s -> status.count(s) > 0 || !TrialStatus.INTERRUPTED.is(s) && !StudyStatus.STALE.equals(s))
                .map(s -> status.count(s) + " " + s)
                .collect(Collectors.joining(", ")));
    }

    private static String slurm(StudyStatus.Trial trial) {
        if (trial.task() != null) {
            return trial.task().name() + " " + trial.task().state()
                    + (trial.task().exitCode() != null ? " (exit " + trial.task().exitCode() + ")" : "")
                    + ("PENDING".equals(trial.task().state()) ? " (" + trial.task().reason() + ")" : "");
        }
        return trial.taskName() != null ? trial.taskName() + " (gone)" : "-";
    }

    private static String labels(TrialRecord record) {
        String coordinates = record.labelsText();
        return ("-".equals(coordinates) ? "" : coordinates + " ") + "seed=" + record.seed();
    }
}
