package dev.awb.runtime.cluster;

import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.study.Study;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Submits a study's unfinished trials to Slurm as one array job ({@code sbatch --array}) and returns at once:
 * the study then runs without the submitting process (or the user's SSH session).
 *
 * <p>Trials that finished (per the store) and trials already queued or running in a live array job of this
 * study are left out, so submitting again after failures, cancellations or lost nodes sends exactly the
 * unfinished rest. Each array task runs one trial with {@code awb worker} against the same store, which must
 * therefore be reachable from every compute node: PostgreSQL for several nodes; a SQLite file works only
 * when every task runs on the node whose local disk holds it.
 */
public final class SlurmLauncher {
    /**
     * How to submit; null leaves a setting to Slurm's defaults.
     *
     * @param partition {@code --partition}
     * @param gres {@code --gres}, e.g. {@code gpu:1}
     * @param time {@code --time} per task, e.g. {@code 2:00:00}
     * @param maxParallel tasks running at a time ({@code --array=...%K})
     * @param cpusPerTask {@code --cpus-per-task} (also the worker's {@code OMP_NUM_THREADS})
     * @param environment variables the batch script exports for the worker
     */
    public record Options(String partition, String gres, String time, Integer maxParallel, Integer cpusPerTask,
            Map<String, String> environment) {
        List<String> sbatch() {
            List<String> options = new ArrayList<>();
            if (partition != null) {
                options.add("--partition=" + partition);
            }
            if (gres != null) {
                options.add("--gres=" + gres);
            }
            if (time != null) {
                options.add("--time=" + time);
            }
            if (cpusPerTask != null) {
                options.add("--cpus-per-task=" + cpusPerTask);
            }
            return options;
        }
    }

    /**
     * What a submission did.
     *
     * @param job the array job submitted, or null when nothing was left to submit
     * @param finished planned trials that had finished already
     * @param queued planned trials left out because a live task of an earlier job runs or will run them
     */
    public record Submission(ArraySubmission job, int finished, List<TaskState> queued) {
    }

    private final Slurm slurm;

    public SlurmLauncher(Slurm slurm) {
        this.slurm = slurm;
    }

    /**
     * Submits the trials of {@code planned} (ids in plan order, registered in {@code store}) that have neither
     * finished nor a live task.
     *
     * @param workerCommand the worker's command line (absolute paths) without its {@code --trial} option
     */
    public Submission submit(ResultsStore store, Study study, List<String> planned, List<String> workerCommand,
            Options options) {
        // Two submissions of one study at the same time would both find the same trials unqueued.
        Path lock = study.directory().resolve("slurm").resolve("submit.lock");
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                return submitLocked(store, study, planned, workerCommand, options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lock, e);
        }
    }

    private Submission submitLocked(ResultsStore store, Study study, List<String> planned, List<String> workerCommand,
            Options options) {
        Map<String, TrialRecord> records = new LinkedHashMap<>();
        store.trials(study.id()).forEach(t -> records.put(t.id(), t));
        List<TaskState> queued = liveTasks(study.directory());
        Set<String> live = new HashSet<>();
        Map<String, ArraySubmission> byJob = new LinkedHashMap<>();
        ArraySubmission.of(study.directory()).forEach(s -> byJob.put(s.jobId(), s));
        for (TaskState task : queued) {
            live.add(byJob.get(task.jobId()).trialOf(task.index()));
        }
        List<String> todo = new ArrayList<>();
        int finished = 0;
        for (String id : planned) {
            TrialRecord record = records.get(id);
            if (record != null && record.isDone()) {
                finished++;
            } else if (!live.contains(id)) {
                todo.add(id);
            }
        }
        List<TaskState> planQueued = queued.stream()
                .filter(t -> planned.contains(byJob.get(t.jobId()).trialOf(t.index()))).toList();
        if (todo.isEmpty()) {
            return new Submission(null, finished, planQueued);
        }
        Path dir = ArraySubmission.prepare(study.directory(), todo);
        try {
            Path script = dir.resolve("job.sh");
            Files.writeString(script, new BatchScript(study.id(), dir.resolve("trials.txt"), workerCommand,
                    options.environment()).text(), StandardCharsets.UTF_8);
            List<String> sbatch = new ArrayList<>(List.of(
                    "--array=0-" + (todo.size() - 1) + (options.maxParallel() != null ? "%" + options.maxParallel() : ""),
                    "--job-name=awb-" + study.id(), "--output=" + ArraySubmission.logPattern(study.directory())));
            sbatch.addAll(options.sbatch());
            String jobId = slurm.submit(sbatch, script);
            return new Submission(ArraySubmission.accepted(study.directory(), dir, jobId), finished, planQueued);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot write the batch script into " + dir, e);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The queued or running tasks of the study's array jobs. */
    public List<TaskState> liveTasks(Path studyDirectory) {
        List<String> jobs = ArraySubmission.of(studyDirectory).stream().map(ArraySubmission::jobId).toList();
        return slurm.tasks(jobs).stream().filter(TaskState::live).toList();
    }

    /**
     * The study's Slurm tasks still queued or running, as seen from this machine: empty when the study was never
     * submitted or the Slurm commands are not here. A local run must not start these trials a second time.
     */
    public static List<TaskState> liveTasksSeenHere(Path studyDirectory) {
        if (ArraySubmission.of(studyDirectory).isEmpty() || Slurm.find("squeue").isEmpty()) {
            return List.of();
        }
        return new SlurmLauncher(new Slurm()).liveTasks(studyDirectory);
    }

    /**
     * What cancelling stopped in one array job.
     *
     * @param jobId the array job
     * @param running its tasks that were running
     * @param queued its tasks that were still queued
     * @param trialIds the trials of those tasks, in task order
     */
    public record Cancelled(String jobId, int running, int queued, List<String> trialIds) {
    }

    /**
     * Cancels the queued and running tasks of the study's array jobs ({@code scancel} of each job that has one).
     *
     * @return per job, what stopped; empty when nothing was queued or running
     * @throws SlurmException when Slurm fails
     */
    public List<Cancelled> cancel(Path studyDirectory) {
        List<TaskState> live = liveTasks(studyDirectory);
        Map<String, List<TaskState>> byJob = new LinkedHashMap<>();
        live.stream().sorted(Comparator.comparingInt(TaskState::index))
                .forEach(t -> byJob.computeIfAbsent(t.jobId(), k -> new ArrayList<>()).add(t));
        if (byJob.isEmpty()) {
            return List.of();
        }
        slurm.cancel(byJob.keySet());
        Map<String, ArraySubmission> submissions = new LinkedHashMap<>();
        ArraySubmission.of(studyDirectory).forEach(s -> submissions.put(s.jobId(), s));
        List<Cancelled> cancelled = new ArrayList<>();
        byJob.forEach((job, tasks) -> {
            int running = (int) tasks.stream().filter(t -> "RUNNING".equals(t.state())).count();
            cancelled.add(new Cancelled(job, running, tasks.size() - running,
                    tasks.stream().map(t -> submissions.get(job).trialOf(t.index())).toList()));
        });
        return cancelled;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Without its job-id file the folder is ignored anyway.
        }
    }
}
