package dev.awb.runtime.study;

import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.train.TrainingObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the unfinished trials of a study: in worker processes, several at a time, or in this process.
 *
 * <p>Each worker is a separate JVM running one trial ({@code awb worker}), so a trial that crashes the JVM or
 * runs out of memory takes nothing else down: its exit is noticed, the trial is recorded as failed with the
 * exit code and its log, and the other trials go on. Workers get {@code OMP_NUM_THREADS} so that together they
 * use the cores once.
 *
 * <p>Nothing runs twice: the driver {@linkplain ResultsStore#claim claims} a trial (one conditional update that
 * only one process wins, across drivers and machines) before it starts the worker, passes the claim's token to
 * it, and renews the claim's lease ({@link Heartbeat}) until the worker exits; the worker takes the claim over and
 * renews it itself, so a worker left behind by a killed driver keeps its trial. A trial another live owner holds
 * is waited for — the driver says which trials, held by whom, since when, at most every 30 s — while the other
 * trials run; one whose owner is gone (its lease expired, see {@link LeaseTerms}) is taken over. Stopping the
 * driver (SIGTERM, Ctrl-C) stops its workers and gives their trials back as {@code interrupted}, resumable by the
 * next run. A trial directory that cannot be written stops the study at once ({@link StudyDirectoryUnwritable}).
 */
public final class StudyDriver {
    /** How often the waiting message is repeated while trials are held by other owners. */
    private static final long NOTICE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long stopped workers get to exit (and mark their trials interrupted) before they are killed. */
    private static final long STOP_GRACE_MILLIS = 10_000;

    /**
     * How the trials of one invocation ended: {@code skipped} counts the trials done before it started and those
     * another run (a second driver on the study) finished meanwhile.
     */
    public record Result(int finished, int failed, int skipped, int diverged) {
    }

    /**
     * How to run trials.
     *
     * @param workers worker processes at a time; 0 runs the trials one by one in this process; at most
     *     {@code devices.slots()}
     * @param threadsPerWorker OpenMP threads per worker ({@code OMP_NUM_THREADS})
     * @param workerCommand the command line of a worker for a trial (without the trial option), or null with
     *     0 workers
     * @param devices the device of the trials and each worker slot's environment (backend, GPU), or null to run
     *     on whatever backend ND4J loads, unchecked
     */
    public record Settings(int workers, int threadsPerWorker, List<String> workerCommand, DeviceAssignment devices) {
        public Settings {
            if (devices != null && workers > devices.slots()) {
                throw new IllegalArgumentException(workers + " workers for " + devices.slots() + " device slot(s)");
            }
        }

        /** Settings without a device: trials run on the backend ND4J loads. */
        public Settings(int workers, int threadsPerWorker, List<String> workerCommand) {
            this(workers, threadsPerWorker, workerCommand, null);
        }
    }

    private final ResultsStore store;
    private final Study study;
    private final Settings settings;
    private final PrintWriter notices;
    private final LeaseTerms terms = LeaseTerms.configured();

    /** A driver that prints its notices (trials waited for) on standard error. */
    public StudyDriver(ResultsStore store, Study study, Settings settings) {
        this(store, study, settings, new PrintWriter(System.err, true));
    }

    /** A driver that prints its notices (trials waited for) on {@code notices}. */
    public StudyDriver(ResultsStore store, Study study, Settings settings, PrintWriter notices) {
        this.store = store;
        this.study = study;
        this.settings = settings;
        this.notices = notices;
    }

    /**
     * Runs every trial of {@code plan} that has not finished.
     *
     * @param display gives, per trial, the observer that shows its progress (the store records regardless)
     * @throws StudyDirectoryUnwritable when a trial directory cannot be written (the study stops; its running
     *     trials are interrupted)
     */
    public Result run(StudyPlan plan, Function<Trial, TrainingObserver> display) {
        Map<String, TrialRecord> known = new LinkedHashMap<>();
        store.trials(study.id()).forEach(t -> known.put(t.id(), t));
        Deque<Trial> queue = new ArrayDeque<>();
        int skipped = 0;
        for (Trial trial : plan.trials()) {
            TrialRecord record = known.get(trial.id());
            if (record != null && record.isDone()) {
                skipped++;
            } else {
                queue.add(trial);
            }
        }
        try (Heartbeat heartbeat = Heartbeat.start(store.url(), terms)) {
            Invocation invocation = new Invocation(queue, display, heartbeat, plan.trials().size());
            invocation.run();
            return new Result(invocation.finished, invocation.failed, skipped + invocation.skipped,
                    invocation.diverged);
        }
    }

    /** A trial this driver holds: its claim, its worker slot and its observer. */
    private record Job(Trial trial, Claim claim, int slot, TrainingObserver observer) {
    }

    /** One call of {@link #run}: the trials still to run, those held by others, the running workers. */
    private final class Invocation {
        private final Deque<Trial> queue;
        private final Map<String, Trial> held = new LinkedHashMap<>();
        private final Map<Process, Job> running = new ConcurrentHashMap<>();
        private final Deque<Integer> freeSlots = new ArrayDeque<>();
        private final Function<Trial, TrainingObserver> display;
        private final Heartbeat heartbeat;
        private final int planSize;
        private final String owner = TrialRun.workerName();
        private final Object lock = new Object();
        private volatile boolean stopping;
        private volatile Job inProcess;
        private long lastNotice;
        private boolean noticed;
        private int finished;
        private int skipped;
        private int failed;
        private int diverged;

        Invocation(Deque<Trial> queue, Function<Trial, TrainingObserver> display, Heartbeat heartbeat, int planSize) {
            this.queue = queue;
            this.display = display;
            this.heartbeat = heartbeat;
            this.planSize = planSize;
            for (int slot = 0; slot < Math.max(1, settings.workers()); slot++) {
                freeSlots.add(slot);
            }
        }

        void run() {
            Thread hook = new Thread(() -> stop("interrupted: its driver " + owner + " was stopped (SIGTERM or"
                    + " Ctrl-C); the next run resumes it from its checkpoint"), "awb-stop-workers");
            Runtime.getRuntime().addShutdownHook(hook);
            List<Thread> readers = new ArrayList<>();
            try {
                long lastRetry = System.nanoTime();
                while (!stopping) {
                    Job job = freeSlots.isEmpty() ? null : claimNext();
                    if (job != null) {
                        if (settings.workers() == 0) {
                            runHere(job);
                        } else {
                            start(job, readers);
                        }
                        continue;
                    }
                    if (queue.isEmpty() && held.isEmpty() && running.isEmpty()) {
                        break;
                    }
                    noticeWaiting();
                    Process done = awaitAny(Math.min(1000, terms.heartbeat().toMillis()));
                    if (done != null) {
                        ended(done);
                    }
                    if (System.nanoTime() - lastRetry > TimeUnit.MILLISECONDS.toNanos(Math.min(1000,
                            terms.heartbeat().toMillis()))) {
                        // Held trials are claimed again: their owner may have finished, failed or vanished.
                        queue.addAll(held.values());
                        held.clear();
                        lastRetry = System.nanoTime();
                    }
                }
                for (Thread reader : readers) {
                    reader.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted: its driver " + owner + " was interrupted; the next run resumes it");
            } catch (StudyDirectoryUnwritable e) {
                stop("interrupted: " + e.getMessage());
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: the workers are being stopped.
                }
            }
        }

        /**
         * Claims the next trial of the queue that is free; trials done meanwhile are counted, trials another
         * live owner holds are set aside. Null when the queue has nothing claimable.
         */
        private Job claimNext() {
            while (!queue.isEmpty()) {
                Trial trial = queue.poll();
                Path dir = study.trialDirectory(trial.id());
                StudyDirectoryUnwritable.requireWritable(dir);
                Optional<Claim> claim;
                synchronized (lock) {
                    if (stopping) {
                        return null;
                    }
                    claim = store.claim(study.id(), trial.id(), owner, terms);
                    claim.ifPresent(heartbeat::add);
                }
                if (claim.isPresent()) {
                    return new Job(trial, claim.get(), freeSlots.poll(), display.apply(trial));
                }
                TrialRecord record = store.trial(study.id(), trial.id()).orElseThrow();
                if (record.isDone()) {
                    // Another run finished it (while this one waited): not this run's result.
                    skipped++;
                } else {
                    held.put(trial.id(), trial);
                }
            }
            return null;
        }

        private void count(TrialRecord record) {
            if (record.isFinished()) {
                finished++;
            } else if (record.isDone()) {
                diverged++;
            } else {
                failed++;
            }
        }

        /** Runs a claimed trial in this process (no workers). */
        private void runHere(Job job) {
            inProcess = job;
            try {
                TrialRun.Outcome outcome = TrialRun.run(store, job.claim(), job.trial(),
                        study.trialDirectory(job.trial().id()), job.observer(),
                        settings.devices() == null ? null : settings.devices().device());
                switch (outcome) {
                    case FINISHED -> finished++;
                    case DIVERGED -> diverged++;
                    case FAILED -> failed++;
                    case CLAIM_LOST -> held.put(job.trial().id(), job.trial());
                    default -> throw new IllegalStateException(outcome.name());
                }
            } finally {
                heartbeat.remove(job.claim());
                freeSlots.add(job.slot());
                inProcess = null;
            }
        }

        /** Starts the worker of a claimed trial in its worker slot, whose device environment it gets. */
        private void start(Job job, List<Thread> readers) {
            Trial trial = job.trial();
            Path log = log(trial);
            List<String> command = new ArrayList<>(settings.workerCommand());
            command.addAll(List.of("--trial", trial.id(), "--claim", job.claim().token()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(settings.threadsPerWorker()));
            builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            if (settings.devices() != null) {
                builder.environment().putAll(settings.devices().environment(job.slot()));
            }
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    heartbeat.interrupt(job.claim(), "interrupted: cannot start a worker process: " + e.getMessage());
                    throw new UncheckedIOException("cannot start a worker process for trial " + trial.id(), e);
                }
                running.put(process, job);
                Thread reader = new Thread(() -> pump(process, job.observer(), log), "awb-worker-" + trial.index());
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
        }

        /** Settles the trial of a worker that exited. */
        private void ended(Process done) {
            Job job = running.remove(done);
            freeSlots.add(job.slot());
            Trial trial = job.trial();
            synchronized (lock) {
                heartbeat.remove(job.claim());
                if (stopping) {
                    return;
                }
                int code = done.exitValue();
                TrialRecord record = store.trial(study.id(), trial.id()).orElseThrow();
                if (record.isDone()) {
                    count(record);
                } else if (code == StudyDirectoryUnwritable.WORKER_EXIT_CODE) {
                    throw new StudyDirectoryUnwritable(record.error() != null ? record.error()
                            : "the worker of trial " + trial.id() + " cannot write its trial directory; log: "
                            + log(trial), null);
                } else if (store.holds(job.claim())) {
                    String reason = "worker process exited with code " + code
                            + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "")
                            + " before the trial finished; log: " + log(trial);
                    store.failTrial(job.claim(), reason);
                    job.observer().failed(new WorkerEvents.WorkerFailure(reason));
                    failed++;
                } else if (TrialStatus.FAILED.is(record.status()) || TrialStatus.INTERRUPTED.is(record.status())) {
                    // The worker recorded why (and told the observer), or was stopped by a signal of its own.
                    if (TrialStatus.INTERRUPTED.is(record.status())) {
                        job.observer().failed(new WorkerEvents.WorkerFailure(record.error()));
                    }
                    failed++;
                } else {
                    // Another process took the trial over (this claim's lease had expired): wait for it.
                    held.put(trial.id(), trial);
                }
            }
        }

        /** Prints which trials other owners hold, at once and then at most every 30 s while it lasts. */
        private void noticeWaiting() {
            if (held.isEmpty() || (noticed && System.nanoTime() - lastNotice < NOTICE_INTERVAL_NANOS)) {
                return;
            }
            noticed = true;
            lastNotice = System.nanoTime();
            Instant now = Instant.now();
            StringBuilder text = new StringBuilder();
            text.append("[wait] ").append(held.size()).append(" trial(s) held by another live run; ")
                    .append(queue.isEmpty() && running.isEmpty() ? "waiting for them" : "running the others meanwhile")
                    .append(" (a holder gone for ").append(terms.grace().toSeconds()).append(" s is taken over)");
            for (Trial trial : held.values()) {
                TrialRecord record = store.trial(study.id(), trial.id()).orElseThrow();
                text.append(System.lineSeparator()).append("[wait]   trial ").append(trial.index()).append('/')
                        .append(planSize).append(' ').append(trial.id()).append(": ").append(record.status());
                if (TrialStatus.RUNNING.is(record.status())) {
                    text.append(" by ").append(record.worker()).append(" since ").append(record.started());
                    if (record.heartbeat() != null) {
                        text.append(", last heartbeat ").append(Duration.between(record.heartbeat(), now).toSeconds())
                                .append(" s ago");
                    }
                }
            }
            synchronized (notices) {
                notices.println(text);
                notices.flush();
            }
        }

        private Process awaitAny(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                for (Process process : running.keySet()) {
                    if (!process.isAlive()) {
                        return process;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return null;
                }
                Thread.sleep(50);
            }
        }

        /**
         * Stops the study: no new trial starts, the workers are asked to stop (and given time to mark their trials
         * interrupted), then killed; every trial this driver still holds is given back as interrupted.
         */
        private void stop(String reason) {
            synchronized (lock) {
                stopping = true;
            }
            running.keySet().forEach(Process::destroy);
            long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
            for (Process process : running.keySet()) {
                try {
                    if (!process.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }
            for (Job job : running.values()) {
                heartbeat.interrupt(job.claim(), reason);
            }
            Job here = inProcess;
            if (here != null) {
                heartbeat.interrupt(here.claim(), reason);
            }
        }
    }

    /** Reads a worker's output: events to the observer, everything else to the trial's log. */
    private static void pump(Process process, TrainingObserver observer, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                boolean event;
                try {
                    event = WorkerEvents.dispatch(line, observer);
                } catch (RuntimeException displayProblem) {
                    event = true;
                }
                if (!event) {
                    Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            // The worker is gone; its exit code tells the driver what happened.
        }
    }

    private Path log(Trial trial) {
        return study.trialDirectory(trial.id()).resolve("worker.log");
    }

    /**
     * The command line that starts {@code main} (the program's entry point, given by its caller: this package
     * does not know the command line's classes) in a child JVM: this JVM's executable, class path, heap, JVM
     * ({@code -XX:}) and system-property settings (so workers get the memory and native limits of
     * {@code conf/awb.conf}), always headless, then {@code arguments}.
     */
    public static List<String> javaCommand(Class<?> main, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-D") || argument.startsWith("-Xmx") || argument.startsWith("-Xms")
                    || argument.startsWith("-Xss") || argument.startsWith("-XX:")) {
                command.add(argument);
            }
        }
        if (command.stream().noneMatch(a -> a.startsWith("-Djava.awt.headless="))) {
            command.add("-Djava.awt.headless=true");
        }
        for (String property : List.of("awb.dist", "awb.plugins", LeaseTerms.HEARTBEAT_PROPERTY,
                LeaseTerms.GRACE_PROPERTY, "org.bytedeco.javacpp.cachedir",
                "org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxphysicalbytes")) {
            String value = System.getProperty(property);
            if (value != null && command.stream().noneMatch(a -> a.startsWith("-D" + property + "="))) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        return command;
    }
}
