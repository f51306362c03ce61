package dev.awb.runtime.store;

import static dev.awb.runtime.store.ResultsStoreTests.column;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several worker processes writing to one SQLite store at once, as {@code awb run} has them: real JVMs, a store
 * file none of them has seen before (so they also migrate it concurrently), and every row accounted for.
 */
class ConcurrentWritersTests {
    private static final int WRITERS = 2;
    private static final int TRIALS = 40;
    private static final int EPOCHS = 10;
    private static final int METRICS = 5;

    @TempDir
    Path dir;

    @Test
    void twoWriterProcessesOnOneNewSqliteFileLoseAndDuplicateNothing() throws Exception {
        Path store = dir.resolve("awb.sqlite");
        Path barrier = Files.createDirectory(dir.resolve("barrier"));
        List<Process> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            writers.add(start(store, writer, barrier));
        }
        for (int writer = 0; writer < WRITERS; writer++) {
            Process process = writers.get(writer);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                writers.forEach(Process::destroyForcibly);
                throw new AssertionError("writer " + writer + " did not finish in 3 minutes");
            }
            assertEquals(0, process.exitValue(), "writer " + writer + ":\n" + Files.readString(log(writer)));
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            assertEquals(List.of("1", "2", "3", "4"), column(db, "SELECT version FROM flyway_schema_history WHERE success"
                    + " ORDER BY installed_rank"), "migrated exactly once");
            assertEquals(List.of("1"), column(db, "SELECT COUNT(*) FROM studies"));
            assertEquals(List.of(TRIALS + " finished 1"), column(db, "SELECT COUNT(*) || ' ' || status || ' '"
                    + " || attempts FROM trials GROUP BY status, attempts"));
            assertEquals(List.of(String.valueOf(TRIALS)), column(db, "SELECT COUNT(*) FROM trials"
                    + " WHERE provenance = '{\"trial\":\"' || id || '\"}' AND worker = 'writer:' || (idx % " + WRITERS + ")"));
            assertEquals(List.of(String.valueOf(TRIALS * (EPOCHS * METRICS + 1))), column(db, "SELECT COUNT(*) FROM metrics"));
            assertEquals(List.of(), column(db, "SELECT trial_id || split || name || COALESCE(epoch, '') FROM metrics"
                    + " GROUP BY trial_id, split, name, epoch HAVING COUNT(*) <> 1"), "no row twice");
            assertEquals(List.of(String.valueOf(TRIALS)), column(db, "SELECT COUNT(*) FROM (SELECT trial_id FROM metrics"
                    + " WHERE epoch IS NOT NULL GROUP BY trial_id HAVING COUNT(*) = " + EPOCHS * METRICS
                    + " AND SUM(value) = " + expectedSumPerTrial() + ")"), "every epoch of every trial, with its values");
        }
    }

    private static double expectedSumPerTrial() {
        double sum = 0;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            for (int m = 0; m < METRICS; m++) {
                sum += epoch * 100.0 + m;
            }
        }
        return sum;
    }

    private Process start(Path store, int writer, Path barrier) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreWriter.class.getName(),
                store.toString(), String.valueOf(writer), String.valueOf(WRITERS), String.valueOf(TRIALS),
                String.valueOf(EPOCHS), String.valueOf(METRICS), barrier.toString())
                .redirectErrorStream(true).redirectOutput(log(writer).toFile()).start();
    }

    private Path log(int writer) {
        return dir.resolve("writer-" + writer + ".log");
    }
}
