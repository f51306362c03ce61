package dev.awb.runtime.study;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing runs twice, with real driver and worker processes on one tiny study: two drivers at once, a driver
 * killed while its workers start, a trial left {@code running} by processes that are gone (its owner's pid now
 * that of a live, unrelated process), a driver stopped with SIGTERM, and a trial directory that cannot be
 * written. Leases are short here (heartbeat 300 ms, lease 3 s) so that expiry takes seconds, not a minute.
 */
class ExclusiveTrialsTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    private static final String STUDY = "claims";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, String> names = new HashMap<>();

    @AfterEach
    void killLeftovers() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Path experiment(int seeds, int epochs, int trainSize) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int seed = 1; seed <= seeds; seed++) {
            list.append(seed == 1 ? "" : ", ").append(seed);
        }
        String text = Files.readString(QUICKSTART)
                .replace("train_size: 3000, validation_size: 300, test_size: 500",
                        "train_size: " + trainSize + ", validation_size: 32, test_size: 32")
                .replace("layers: 2, d_model: 64", "layers: 1, d_model: 32")
                .replaceAll("epochs: \\d+", "epochs: " + epochs)
                .replace("seeds: [1]", "seeds: [" + list + "]")
                .replace("experiment: quickstart", "experiment: " + STUDY);
        Path file = dir.resolve(STUDY + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private List<String> runArgs(Path file, int workers) {
        return List.of("run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
                dir.resolve("plugins").toString(), "--workers", String.valueOf(workers), "--threads-per-worker", "1");
    }

    /** Starts {@code awb} as its own process with short leases (passed on to its workers), output to a log. */
    private Process driver(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(dev.awb.runtime.cli.Awb.processCommand(args));
        command.add(1, "-Dawb.heartbeat-ms=300");
        command.add(2, "-Dawb.lease-ms=3000");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        started.add(process);
        names.put(process, name);
        return process;
    }

    private int exitOf(Process process, String name) throws Exception {
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            throw new AssertionError(name + " did not end in 8 minutes:\n" + log(name));
        }
        return process.exitValue();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    @Test
    void twoDriversOnOneStudyRunEveryTrialInExactlyOneWorker() throws Exception {
        Path file = experiment(6, 2, 128);
        Process first = driver(runArgs(file, 2), "first");
        // The second starts as soon as the first has registered the study (two new-study inserts would collide).
        await(() -> rows("SELECT COUNT(*) FROM trials").equals(List.of("6")), first, "the study's trials");
        Process second = driver(runArgs(file, 2), "second");
        assertEquals(0, exitOf(first, "first"), log("first"));
        assertEquals(0, exitOf(second, "second"), log("second"));

        assertEachTrialTrainedOnceWithEveryEpoch(6, "1,2");
        assertEquals(List.of("6 finished 1"), rows("SELECT COUNT(*) || ' ' || status || ' ' || attempts FROM trials"
                + " GROUP BY status, attempts"), "one attempt per trial");
    }

    @Test
    void aDriverKilledWhileItsWorkersStartLeavesEachTrialToExactlyOneWorker() throws Exception {
        Path file = experiment(4, 2, 128);
        Process killed = driver(runArgs(file, 2), "killed");
        await(() -> rows("SELECT COUNT(*) FROM trials WHERE status = 'running'").equals(List.of("2"))
                && killed.descendants().count() >= 2, killed, "two claimed trials with their workers starting");
        killed.destroyForcibly().waitFor();

        Process again = driver(runArgs(file, 2), "again");
        assertEquals(0, exitOf(again, "again"), log("again"));
        assertEachTrialTrainedOnceWithEveryEpoch(4, "1,2");
    }

    @Test
    void aRunningTrialWhoseProcessesAreGoneIsTakenOverAfterItsLeaseWithoutWaitingOnItsPid() throws Exception {
        Path file = experiment(2, 2, 128);
        Process gone = driver(runArgs(file, 2), "gone");
        await(() -> rows("SELECT COUNT(*) FROM trials WHERE status = 'running' AND worker IS NOT NULL").equals(
                List.of("2")) && gone.descendants().count() >= 2, gone, "two running trials");
        List<ProcessHandle> workers = gone.descendants().toList();
        gone.destroyForcibly().waitFor();
        workers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle worker : workers) {
            worker.onExit().get(1, TimeUnit.MINUTES);
        }
        // The rows name a live process of this host: this test's JVM, as a reused pid would.
        try (Connection db = store(); Statement statement = db.createStatement()) {
            statement.executeUpdate("UPDATE trials SET worker = '" + TrialRun.workerName() + "' WHERE status = 'running'");
        }
        await(() -> rows("SELECT COUNT(*) FROM trials WHERE status = 'running' AND lease_expires < "
                + System.currentTimeMillis()).equals(List.of("2")), null, "the leases to expire");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Awb.execute(new String[] {"status", STUDY, "--store", dir.resolve("runs").resolve("awb.sqlite")
            .toString()}, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        assertTrue(out.toString().contains("running (stale)"), out.toString());
        assertTrue(out.toString().contains("running (stale: no heartbeat since "), out.toString());
        assertTrue(out.toString().contains("2 trial(s): 0 finished, 0 diverged, 0 failed, 0 running, 2 stale, 0 pending"),
                out.toString());

        Process again = driver(runArgs(file, 2), "again");
        assertEquals(0, exitOf(again, "again"), log("again"));
        assertEquals(List.of("2 finished 2"), rows("SELECT COUNT(*) || ' ' || status || ' ' || attempts FROM trials"
                + " GROUP BY status, attempts"));
        assertNoRowTwice();
    }

    @Test
    void sigtermToADriverStopsItsWorkersAndLeavesItsTrialsInterruptedForTheNextRunToResume() throws Exception {
        Path file = experiment(2, 3, 256);
        Process stopped = driver(runArgs(file, 2), "stopped");
        // An epoch's rows are stored before its checkpoint is written: wait for both checkpoints, so that the
        // re-run has something to resume from however fast the machine is.
        await(() -> rows("SELECT COUNT(*) FROM metrics WHERE epoch = 1 AND split = 'train' AND name = 'loss'")
                .equals(List.of("2")) && checkpoints() == 2, stopped, "both trials past their epoch-1 checkpoint");
        List<ProcessHandle> workers = stopped.descendants().toList();
        stopped.destroy();
        assertEquals(143, exitOf(stopped, "stopped"), log("stopped"));
        for (ProcessHandle worker : workers) {
            assertFalse(worker.isAlive(), "worker " + worker.pid() + " outlived its stopped driver");
        }
        List<String> statuses = rows("SELECT status FROM trials ORDER BY idx");
        assertFalse(statuses.contains("running"), statuses.toString());
        assertTrue(statuses.contains("interrupted"), statuses.toString());
        assertEquals(List.of(), rows("SELECT id FROM trials WHERE status = 'interrupted' AND error NOT LIKE"
                + " 'interrupted: %stopped (SIGTERM or Ctrl-C)%'"));

        Process again = driver(runArgs(file, 2), "again");
        assertEquals(0, exitOf(again, "again"), log("again"));
        assertTrue(log("again").contains("resuming after epoch"), log("again"));
        assertEachTrialTrainedWithEveryEpoch(2, "1,2,3");
    }

    @Test
    void anUnwritableTrialDirectoryStopsTheStudyAtOnceNamingThePath() throws Exception {
        Path file = experiment(3, 2, 128);
        Path trials = Files.createDirectories(dir.resolve("runs").resolve(STUDY)).resolve("trials");
        // Root may write anywhere chmod forbids; nobody can make a directory inside /proc/1.
        Files.createSymbolicLink(trials, Path.of("/proc/1"));
        StringWriter err = new StringWriter();
        int code = Awb.execute(runArgs(file, 2).toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("error: cannot write into the trial directory " + trials.toAbsolutePath()),
                err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
        assertEquals(List.of("3 pending 0"), rows("SELECT COUNT(*) || ' ' || status || ' ' || attempts FROM trials"
                + " GROUP BY status, attempts"), "stopped before any trial was claimed");
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM metrics"));
    }

    /** Every trial finished after exactly one worker trained it, every epoch once, no row twice. */
    private void assertEachTrialTrainedOnceWithEveryEpoch(int trials, String epochs) throws Exception {
        assertEachTrialTrainedWithEveryEpoch(trials, epochs);
        for (String id : rows("SELECT id FROM trials")) {
            Path log = dir.resolve("runs").resolve(STUDY).resolve("trials").resolve(id).resolve("worker.log");
            long workers = Files.readAllLines(log).stream().filter(l -> l.startsWith("[worker] pid ")).count();
            assertEquals(1, workers, "worker processes that trained trial " + id + ":\n" + Files.readString(log));
        }
    }

    private void assertEachTrialTrainedWithEveryEpoch(int trials, String epochs) throws Exception {
        assertEquals(List.of(trials + " finished"), rows("SELECT COUNT(*) || ' ' || status FROM trials GROUP BY status"));
        assertNoRowTwice();
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            expected.add(epochs);
        }
        assertEquals(expected, rows("SELECT GROUP_CONCAT(epoch) FROM (SELECT trial_id, epoch FROM metrics WHERE"
                + " split = 'train' AND name = 'loss' ORDER BY trial_id, epoch) GROUP BY trial_id"));
        assertEquals(List.of(String.valueOf(trials)), rows("SELECT COUNT(*) FROM metrics WHERE epoch IS NULL AND"
                + " split = 'test' AND name = 'accuracy'"));
    }

    /** How many trials have written a checkpoint so far (-1 while the tree changes under the walk). */
    private long checkpoints() {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals("checkpoint.json")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private void assertNoRowTwice() throws SQLException {
        assertEquals(List.of(), rows("SELECT trial_id || split || name || COALESCE(epoch, '') FROM metrics"
                + " GROUP BY trial_id, split, name, epoch HAVING COUNT(*) <> 1"));
    }

    /** Waits (at most 5 minutes) until {@code condition} holds; fails early when {@code process} ends. */
    private void await(BooleanSupplier condition, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the driver ended before " + what + ":\n" + log(names.get(process)));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " in 5 minutes");
    }

    /** The first column of {@code sql}'s rows; empty while the store does not exist or is being created. */
    private List<String> rows(String sql) {
        if (!Files.exists(dir.resolve("runs").resolve("awb.sqlite"))) {
            return List.of();
        }
        try (Connection db = store()) {
            return column(db, sql);
        } catch (SQLException notYetCreated) {
            return List.of();
        }
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
    }
}
