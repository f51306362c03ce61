package dev.awb.runtime.study;

import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.train.TrainingObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs the unfinished trials of a study: in worker processes, several at a time, or in this process.
 *
 * <p>Each worker is a separate JVM running one trial ({@code awb worker}), so a trial that crashes the JVM or
 * runs out of memory takes nothing else down: its exit is noticed, the trial is recorded as failed with the
 * exit code and its log, and the other trials go on. Workers get {@code OMP_NUM_THREADS} so that together they
 * use the cores once. A trial another live process is already running (a worker left behind by a killed
 * driver) is waited for rather than started twice.
 */
public final class StudyDriver {
    /** How the trials of one invocation ended. */
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

    public StudyDriver(ResultsStore store, Study study, Settings settings) {
        this.store = store;
        this.study = study;
        this.settings = settings;
    }

    /**
     * Runs every trial of {@code plan} that has not finished.
     *
     * @param display gives, per trial, the observer that shows its progress (the store records regardless)
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
        int[] counts = new int[3];
        if (settings.workers() == 0) {
            for (Trial trial : queue) {
                waitForOtherProcess(trial);
                TrialRun.Outcome outcome = TrialRun.run(store, study.id(), trial, study.trialDirectory(trial.id()),
                        display.apply(trial), settings.devices() == null ? null : settings.devices().device());
                count(outcome, counts);
            }
        } else {
            runInWorkers(queue, display, counts);
        }
        return new Result(counts[0], counts[1], skipped, counts[2]);
    }

    private static void count(TrialRun.Outcome outcome, int[] counts) {
        if (outcome == TrialRun.Outcome.FINISHED || outcome == TrialRun.Outcome.ALREADY_FINISHED) {
            counts[0]++;
        } else if (outcome == TrialRun.Outcome.DIVERGED) {
            counts[2]++;
        } else {
            counts[1]++;
        }
    }

    private void runInWorkers(Deque<Trial> queue, Function<Trial, TrainingObserver> display, int[] counts) {
        Map<Process, Trial> running = new ConcurrentHashMap<>();
        Map<Process, Integer> slots = new ConcurrentHashMap<>();
        Deque<Integer> freeSlots = new ArrayDeque<>();
        for (int slot = 0; slot < settings.workers(); slot++) {
            freeSlots.add(slot);
        }
        Map<String, TrainingObserver> observers = new ConcurrentHashMap<>();
        Thread hook = new Thread(() -> running.keySet().forEach(Process::destroy), "awb-stop-workers");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Thread> readers = new ArrayList<>();
            while (!queue.isEmpty() || !running.isEmpty()) {
                while (!queue.isEmpty() && running.size() < settings.workers()) {
                    Trial trial = queue.poll();
                    waitForOtherProcess(trial);
                    if (store.trial(study.id(), trial.id()).map(TrialRecord::isDone).orElse(false)) {
                        counts[0]++;
                        continue;
                    }
                    TrainingObserver observer = display.apply(trial);
                    observers.put(trial.id(), observer);
                    int slot = freeSlots.poll();
                    Process process = start(trial, observer, readers, slot);
                    running.put(process, trial);
                    slots.put(process, slot);
                }
                if (running.isEmpty()) {
                    continue;
                }
                Process done = awaitAny(running.keySet());
                Trial trial = running.remove(done);
                freeSlots.add(slots.remove(done));
                TrialRecord record = store.trial(study.id(), trial.id()).orElseThrow();
                if (record.isDone()) {
                    counts[record.isFinished() ? 0 : 2]++;
                } else {
                    counts[1]++;
                    if (!"failed".equals(record.status())) {
                        String reason = "worker process exited with code " + done.exitValue()
                                + (done.exitValue() > 128 ? " (killed by signal " + (done.exitValue() - 128) + ")" : "")
                                + " before the trial finished; log: " + log(trial);
                        store.failTrial(study.id(), trial.id(), reason);
                        observers.get(trial.id()).failed(new WorkerEvents.WorkerFailure(reason));
                    }
                }
            }
            for (Thread reader : readers) {
                reader.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.keySet().forEach(Process::destroy);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the workers are being stopped.
            }
        }
    }

    /** Starts the worker of {@code trial} in worker slot {@code slot}, whose device environment it gets. */
    private Process start(Trial trial, TrainingObserver observer, List<Thread> readers, int slot) {
        Path log = log(trial);
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(settings.workerCommand());
            command.add("--trial");
            command.add(trial.id());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(settings.threadsPerWorker()));
            builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            if (settings.devices() != null) {
                builder.environment().putAll(settings.devices().environment(slot));
            }
            Process process = builder.start();
            Thread reader = new Thread(() -> pump(process, observer, log), "awb-worker-" + trial.index());
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process for trial " + trial.id(), e);
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

    private static Process awaitAny(Iterable<Process> processes) throws InterruptedException {
        while (true) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    return process;
                }
            }
            Thread.sleep(100);
        }
    }

    /** Waits while another live process on this host runs {@code trial} (e.g. a worker of a killed driver). */
    private void waitForOtherProcess(Trial trial) {
        while (true) {
            Optional<TrialRecord> record = store.trial(study.id(), trial.id());
            if (record.isEmpty() || !"running".equals(record.get().status()) || !aliveHere(record.get().worker())) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean aliveHere(String worker) {
        if (worker == null || worker.indexOf(':') < 0) {
            return false;
        }
        String self = TrialRun.workerName();
        String host = worker.substring(0, worker.lastIndexOf(':'));
        if (!host.equals(self.substring(0, self.lastIndexOf(':')))) {
            return false;
        }
        long pid = Long.parseLong(worker.substring(worker.lastIndexOf(':') + 1));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Path log(Trial trial) {
        return study.trialDirectory(trial.id()).resolve("worker.log");
    }

    /**
     * The command line that starts this same program as a worker: this JVM's executable, class path, heap, JVM
     * ({@code -XX:}) and system-property settings (so workers get the memory and native limits of
     * {@code conf/awb.conf}), always headless, then {@code arguments}.
     */
    public static List<String> javaCommand(List<String> arguments) {
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
        for (String property : List.of("awb.dist", "awb.plugins", "org.bytedeco.javacpp.cachedir",
                "org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxphysicalbytes")) {
            String value = System.getProperty(property);
            if (value != null && command.stream().noneMatch(a -> a.startsWith("-D" + property + "="))) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.awb.runtime.cli.Awb");
        command.addAll(arguments);
        return command;
    }
}
