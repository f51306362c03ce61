package dev.awb.runtime.cluster;

import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each trial of a study stands: the results store's record merged with the Slurm task that last ran
 * (or will run) it.
 *
 * <p>The store decides {@code finished}. A live Slurm task decides {@code pending} or {@code running} (a retry
 * of a trial that failed before is pending again). A trial whose last task ended, or that Slurm no longer
 * lists, without the store recording a result, is {@code failed}: the worker was killed (time limit, memory,
 * {@code scancel}, a lost node) or never started. Each trial also names its last task's log. A {@code running}
 * trial whose claim's lease expired (its worker is gone: killed, its machine lost) is {@code stale}.
 *
 * @param study the study
 * @param trials one entry per trial of the study, in plan order
 * @param slurmQueried whether Slurm was asked (false: no submissions, or the Slurm commands are missing here)
 */
public record StudyStatus(StudyRecord study, List<Trial> trials, boolean slurmQueried) {
    /** The status shown for a running trial whose lease expired (its worker is gone); not a stored status. */
    public static final String STALE = "stale";

    /** The status values, in the order summaries list them. */
    public static final List<String> STATUSES = List.of(TrialStatus.FINISHED.text(), TrialStatus.DIVERGED.text(),
            TrialStatus.FAILED.text(), TrialStatus.INTERRUPTED.text(), TrialStatus.RUNNING.text(), STALE,
            TrialStatus.PENDING.text());

    /**
     * One trial's merged state.
     *
     * @param record the store's record
     * @param status {@code pending}, {@code running}, {@code stale} (running, but its worker is gone),
     *     {@code finished}, {@code diverged}, {@code failed} or {@code interrupted}
     * @param task the Slurm task that last ran or will run it (null: never submitted, or Slurm not asked)
     * @param taskName {@code JOB_INDEX} of its last submission, also when Slurm has forgotten it; else null
     * @param log the output file of its last submission that exists, else null
     * @param detail why it failed (the store's error or the Slurm state), else null
     */
    public record Trial(TrialRecord record, String status, TaskState task, String taskName, Path log, String detail) {
    }

    /**
     * The status of {@code study} in {@code store}; Slurm is asked about the study's array jobs when
     * {@code slurm} is non-null.
     *
     * @throws SlurmException when Slurm does not answer
     */
    public static StudyStatus of(ResultsStore store, StudyRecord study, Slurm slurm) {
        Path dir = Path.of(study.dir());
        List<ArraySubmission> submissions = ArraySubmission.of(dir);
        boolean ask = slurm != null && !submissions.isEmpty();
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        if (ask) {
            slurm.tasks(submissions.stream().map(ArraySubmission::jobId).toList()).forEach(t -> tasks.put(t.name(), t));
        }
        List<Trial> trials = new ArrayList<>();
        Instant now = Instant.now();
        for (TrialRecord record : store.trials(study.id())) {
            trials.add(merge(record, submissions, tasks, ask, now));
        }
        return new StudyStatus(study, trials, ask);
    }

    private static Trial merge(TrialRecord record, List<ArraySubmission> submissions, Map<String, TaskState> tasks,
            boolean asked, Instant now) {
        String taskName = null;
        TaskState task = null;
        Path log = null;
        for (ArraySubmission submission : submissions) {
            int index = submission.trialIds().indexOf(record.id());
            if (index >= 0) {
                taskName = submission.jobId() + "_" + index;
                task = tasks.get(taskName);
                if (Files.exists(submission.log(index))) {
                    log = submission.log(index);
                }
            }
        }
        String status = record.status();
        String detail = TrialStatus.FAILED.is(status) || TrialStatus.DIVERGED.is(status)
                || TrialStatus.INTERRUPTED.is(status) ? record.error() : null;
        if (record.isStale(now)) {
            status = STALE;
            detail = record.statusAt(now) + ": its worker " + record.worker() + " is gone (its lease expired"
                    + (record.leaseExpires() != null && record.leaseExpires().toEpochMilli() > 0
                            ? " at " + record.leaseExpires().truncatedTo(ChronoUnit.SECONDS) : "")
                    + "); the next 'awb run' takes it over and resumes it from its checkpoint";
        }
        if (!record.isDone() && asked && taskName != null) {
            if (task != null && task.live()) {
                status = "RUNNING".equals(task.state()) || "COMPLETING".equals(task.state()) ? TrialStatus.RUNNING.text()
                        : TrialStatus.PENDING.text();
            } else if (task != null) {
                if (!TrialStatus.FAILED.is(status)) {
                    status = TrialStatus.FAILED.text();
                    detail = "Slurm task " + task.name() + " ended " + task.state()
                            + (task.exitCode() != null ? " (exit code " + task.exitCode() + ")" : "")
                            + " without a result in the store";
                }
            } else if (!TrialStatus.FAILED.is(status)) {
                status = TrialStatus.FAILED.text();
                detail = "Slurm task " + taskName + " ended without a result in the store"
                        + " (Slurm no longer lists it; its log tells why)";
            }
        }
        return new Trial(record, status, task, taskName, log, detail);
    }

    /** How many trials have {@code status}. */
    public long count(String status) {
        return trials.stream().filter(t -> t.status().equals(status)).count();
    }
}
