package dev.awb.runtime.study;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted studies end with exactly one result per trial: a worker or the driver killed with SIGKILL
 * mid-trial, then the same command again.
 */
class StudyResumeTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");

    @TempDir
    Path dir;

    private Path experiment() throws IOException {
        String text = Files.readString(QUICKSTART)
                .replace("train_size: 3000, validation_size: 300, test_size: 500",
                        "train_size: 256, validation_size: 32, test_size: 32")
                .replaceAll("epochs: \\d+", "epochs: 4")
                .replace("seeds: [1]", "seeds: [1, 2]")
                .replace("experiment: quickstart", "experiment: resume");
        Path file = dir.resolve("resume.yaml");
        Files.writeString(file, text);
        return file;
    }

    private String[] runArgs(Path file) {
        return new String[] {"run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
            dir.resolve("plugins").toString(), "--workers", "2", "--threads-per-worker", "1"};
    }

    private int awb(String[] args, StringWriter err) {
        return Awb.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void killedWorkerFailsItsTrialOnlyAndTheRerunResumesItFromItsCheckpoint() throws Exception {
        Path file = experiment();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> awb(runArgs(file), err));
        long pid = awaitWorkerPastEpoch(1, first);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        int code = first.get(5, TimeUnit.MINUTES);
        assertEquals(11, code, "one failed trial: exit 10 + 1\n" + err);
        assertTrue(err.toString().contains("killed by signal 9"), err.toString());
        try (Connection db = store()) {
            assertEquals(List.of("failed", "finished"), column(db, "SELECT status FROM trials ORDER BY status"));
        }

        StringWriter again = new StringWriter();
        assertEquals(0, awb(runArgs(file), again), again.toString());
        assertTrue(again.toString().contains("resuming after epoch"), again.toString());
        assertTrue(again.toString().contains("1 finished, 0 failed, 1 skipped"), again.toString());
        assertExactlyOneResultPerTrial();
        try (Connection db = store()) {
            assertEquals(List.of("1", "2"), column(db, "SELECT attempts FROM trials ORDER BY attempts"));
        }
    }

    @Test
    void killedDriverLeavesNothingLostOrDuplicated() throws Exception {
        Path file = experiment();
        List<String> command = dev.awb.runtime.cli.Awb.processCommand(List.of(runArgs(file)));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
        awaitWorkerPastEpoch(1, driver.onExit().thenApply(Process::exitValue));
        driver.destroyForcibly().waitFor(1, TimeUnit.MINUTES);

        StringWriter again = new StringWriter();
        assertEquals(0, awb(runArgs(file), again), again.toString());
        assertExactlyOneResultPerTrial();
    }

    /** Waits until a running trial has a checkpoint of epoch {@code epoch} or later; returns its worker's pid. */
    private long awaitWorkerPastEpoch(int epoch, CompletableFuture<Integer> driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            assertTrue(!driver.isDone(), "the study ended before a worker could be interrupted");
            if (Files.exists(dir.resolve("runs").resolve("awb.sqlite"))) {
                try (Connection db = store()) {
                    List<String> running = column(db, "SELECT id || ' ' || worker FROM trials WHERE status = 'running'");
                    for (String trial : running) {
                        String[] idAndWorker = trial.split(" ");
                        Path checkpoint = dir.resolve("runs").resolve("resume").resolve("trials").resolve(idAndWorker[0])
                                .resolve("checkpoint.json");
                        if (Files.exists(checkpoint) && Files.readString(checkpoint).contains("\"epoch\":")
                                && epochOf(checkpoint) >= epoch) {
                            return Long.parseLong(idAndWorker[1].substring(idAndWorker[1].lastIndexOf(':') + 1));
                        }
                    }
                } catch (SQLException | IOException busyOrNotYetWritten) {
                    // The driver is creating the schema; look again.
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no worker got past epoch " + epoch);
    }

    private static int epochOf(Path checkpoint) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(checkpoint.toFile()).get("epoch").asInt();
    }

    private void assertExactlyOneResultPerTrial() throws SQLException {
        try (Connection db = store()) {
            assertEquals(List.of("finished", "finished"), column(db, "SELECT status FROM trials"));
            assertEquals(List.of(), column(db, "SELECT trial_id || split || name FROM metrics WHERE epoch IS NULL"
                    + " GROUP BY trial_id, split, name HAVING COUNT(*) <> 1"));
            assertEquals(List.of("1", "1"), column(db, "SELECT COUNT(*) FROM metrics WHERE epoch IS NULL AND"
                    + " split = 'test' AND name = 'accuracy' GROUP BY trial_id"));
            assertEquals(List.of("1,2,3,4", "1,2,3,4"), column(db, "SELECT GROUP_CONCAT(epoch) FROM (SELECT trial_id,"
                    + " epoch FROM metrics WHERE split = 'train' AND name = 'loss' ORDER BY trial_id, epoch)"
                    + " GROUP BY trial_id"));
        }
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
    }

}
