package dev.awb.runtime.study;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import dev.awb.runtime.launch.TestBundles;
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
 * Workers run what the driver resolved: with one worker at a time, the second trial's worker starts after the
 * experiment file was edited (or a newer plugin jar installed) under the running study, and still runs the trial
 * as planned, because it binds the trial's frozen configuration from the store instead of reading the file.
 */
class FrozenTrialsTests {
    private static final String EXPERIMENT = """
            experiment: frozen
            seeds: [1, 3]
            graph:
              data:      { use: dataset/failing, with: { fail_seed: 99 } }
              attention: { use: attention/soft, with: { heads: 1 } }
              model:     { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 8 } }
              optimizer: { use: optimizer/adam, with: { lr: 1.0e-2 } }
              train:     { use: trainer, inputs: [model, data, optimizer], with: { epochs: 6, batch: 16 } }
              evaluate:  { use: [metric/accuracy, metric/loss] }
            """;

    @TempDir
    Path dir;

    private Path experiment() throws IOException {
        Path file = dir.resolve("frozen.yaml");
        Files.writeString(file, EXPERIMENT);
        TestBundles.withFailingDataset(dir.resolve("plugins"), "1.0.0", "failing-1.0.0");
        return file;
    }

    private CompletableFuture<Integer> run(Path file, StringWriter err) {
        String[] args = {"run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
            dir.resolve("plugins").toString(), "--workers", "1", "--threads-per-worker", "1"};
        return CompletableFuture.supplyAsync(() -> Awb.execute(args, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
    }

    @Test
    void editingTheExperimentFileWhileTheStudyRunsChangesNoneOfItsRemainingTrials() throws Exception {
        Path file = experiment();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> driver = run(file, err);
        awaitFirstTrialTraining(driver);
        // Another setting (a new configuration) and a node the installed plugins cannot satisfy.
        Files.writeString(file, EXPERIMENT.replace("epochs: 6", "epochs: 1").replace("attention/soft", "attention/sofft"));
        assertEquals(0, driver.get(5, TimeUnit.MINUTES), err.toString());
        assertBothTrialsFinishedAsPlanned();
    }

    @Test
    void aNewerPluginInstalledWhileTheStudyRunsIsNotUsedByItsRemainingTrials() throws Exception {
        Path file = experiment();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> driver = run(file, err);
        awaitFirstTrialTraining(driver);
        TestBundles.withFailingDataset(dir.resolve("plugins"), "1.1.0", "failing-1.1.0");
        assertEquals(0, driver.get(5, TimeUnit.MINUTES), err.toString());
        assertBothTrialsFinishedAsPlanned();
        try (Connection db = store()) {
            assertTrue(column(db, "SELECT provenance FROM trials").stream().anyMatch(p -> p.contains("1.1.0")),
                    "the second worker had the newer jar installed");
            assertEquals(List.of("dev.awb.test.failing@1.0.0", "dev.awb.test.failing@1.0.0"),
                    column(db, "SELECT config FROM trials ORDER BY seed").stream()
                            .map(c -> c.replaceAll(".*\"bundle\":\"(dev\\.awb\\.test\\.failing@[^\"]+)\".*", "$1"))
                            .toList());
        }
    }

    /** Waits until the first trial's worker has written a checkpoint: it is past start-up and training. */
    private void awaitFirstTrialTraining(CompletableFuture<Integer> driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Path trials = dir.resolve("runs").resolve("frozen").resolve("trials");
        while (System.nanoTime() < deadline) {
            assertTrue(!driver.isDone(), "the study ended before the test could change anything: " + driver.getNow(null));
            if (Files.isDirectory(trials)) {
                try (var folders = Files.list(trials)) {
                    if (folders.anyMatch(t -> Files.exists(t.resolve("checkpoint.json")))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no trial started training");
    }

    private void assertBothTrialsFinishedAsPlanned() throws SQLException {
        try (Connection db = store()) {
            assertEquals(List.of("finished", "finished"), column(db, "SELECT status FROM trials"));
            assertEquals(List.of("6", "6"), column(db, "SELECT COUNT(*) FROM metrics WHERE split = 'train' AND"
                    + " name = 'loss' GROUP BY trial_id"), "every trial trained the planned 6 epochs");
        }
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
    }
}
