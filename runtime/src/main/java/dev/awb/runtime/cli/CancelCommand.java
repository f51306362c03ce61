package dev.awb.runtime.cli;

import dev.awb.runtime.cluster.Slurm;
import dev.awb.runtime.cluster.SlurmLauncher;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
            StudyRecord record = StoreLookup.study(results, study);
            Slurm.require("scancel");
            List<SlurmLauncher.Cancelled> cancelled = new SlurmLauncher(new Slurm()).cancel(Path.of(record.dir()));
            if (cancelled.isEmpty()) {
                out.println("[slurm] nothing to cancel: study " + record.id() + " has no queued or running task");
            }
            for (SlurmLauncher.Cancelled job : cancelled) {
                out.printf("[slurm] cancelled job %s: %d running, %d queued task(s); trials %s%n", job.jobId(),
                        job.running(), job.queued(), String.join(" ", job.trialIds()));
            }
            return ExitCodes.OK;
        }
    }
}
