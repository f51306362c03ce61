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
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study goes on whatever its trials do: one finishes, one diverges (NaN loss from a learning rate of 10),
 * one throws (a dataset plugin that cannot produce its data); and a stored trial can be trained again with
 * {@code awb reproduce}, which reports every metric difference.
 */
class TrialOutcomesTests {

    @TempDir
    Path dir;

    private Path experiment(String name, String zip) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                experiment: %s
                seeds: [1]
                graph:
                  data:
                    use: dataset/mqar
                    with: { vocab: 34, pairs: 4, queries: 4, train_size: 128, validation_size: 32, test_size: 32 }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model:
                    use: model/transformer-encoder
                    inputs: [data, attention]
                    with: { layers: 1, d_model: 32 }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-3 } }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 2, batch: 32 } }
                  evaluate: { use: [metric/accuracy, metric/loss] }
                sweep:
                  zip: %s
                """.formatted(name, zip));
        return file;
    }

    private String[] run(Path file, String workers) {
        return new String[] {"run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
            dir.resolve("plugins").toString(), "--workers", workers, "--threads-per-worker", "1"};
    }

    private static int awb(StringWriter out, StringWriter err, String... args) {
        return Awb.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aDatasetWhoseDataBreaksItsSpecFailsItsTrialNamingTheFieldAndValue() throws Exception {
        TestBundles.withFailingDataset(dir.resolve("plugins"));
        Path file = dir.resolve("labels.yaml");
        Files.writeString(file, """
                experiment: labels
                seeds: [1, 2]
                graph:
                  data: { use: dataset/failing, with: { bad_label_seed: 2 } }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model: { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 32 } }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-3 } }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 1, batch: 16 } }
                  evaluate: { use: [metric/accuracy, metric/loss] }
                """);
        StringWriter err = new StringWriter();
        assertEquals(11, awb(new StringWriter(), err, run(file, "0")), "one failed trial: exit 10 + 1\n" + err);
        String expected = "node 'data': dataset/failing 0.0.1 generated data that breaks its spec: "
                + "train.targets[5][0] = 2, allowed: [0, 2) or IGNORE (-1)";
        assertTrue(err.toString().contains(expected), err.toString());
        try (Connection db = store()) {
            assertEquals(List.of("1 finished", "2 failed"), column(db, "SELECT seed || ' ' || status FROM trials ORDER BY seed"));
            assertTrue(column(db, "SELECT error FROM trials WHERE status = 'failed'").get(0).contains(expected));
            assertEquals(List.of("0"), column(db, "SELECT COUNT(*) FROM metrics m JOIN trials t ON t.id = m.trial_id"
                    + " WHERE t.status = 'failed'"), "nothing was trained or evaluated on the broken data");
        }

        // When the first seed's data is broken, validation already refuses the file, located at the dataset node.
        Files.writeString(file, Files.readString(file).replace("bad_label_seed: 2", "bad_label_seed: 1"));
        StringWriter refused = new StringWriter();
        assertEquals(2, awb(new StringWriter(), refused, "validate", file.toString(), "--plugins",
                dir.resolve("plugins").toString()), refused.toString());
        assertTrue(refused.toString().contains("error: " + file + ":4:9: " + expected), refused.toString());
    }

    @Test
    void divergingAndThrowingTrialsAreRecordedWhileTheOtherFinishesInProcess() throws Exception {
        TestBundles.withFailingDataset(dir.resolve("plugins"));
        Path file = dir.resolve("outcomes.yaml");
        Files.writeString(file, """
                experiment: outcomes
                seeds: [1, 2]
                graph:
                  data: { use: dataset/failing, with: { fail_seed: 2 } }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model: { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 32 } }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-3 } }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 2, batch: 16 } }
                  evaluate: { use: [metric/accuracy, metric/loss] }
                sweep:
                  optimizer.with.lr: [1.0e-3, 10]
                """);
        StringWriter err = new StringWriter();
        assertEquals(12, awb(new StringWriter(), err, run(file, "0")), "two failed trials: exit 10 + 2\n" + err);
        String log = err.toString();
        assertTrue(log.contains("1 finished, 2 failed, 0 skipped (finished earlier), 1 diverged"), log);
        assertTrue(log.contains("diverged: training loss NaN at epoch 1"), log);
        assertTrue(log.contains("deliberately failing dataset: seed 2 is fail_seed"), log);
        try (Connection db = store()) {
            assertEquals(List.of("1 finished", "1 diverged", "2 failed", "2 failed"),
                    column(db, "SELECT seed || ' ' || status FROM trials ORDER BY seed, idx"));
            assertTrue(column(db, "SELECT error FROM trials WHERE status = 'diverged'").get(0)
                    .matches("diverged: training loss (NaN|-?Infinity) at epoch \\d+, step \\d+"));
            assertEquals(List.of("0"), column(db, "SELECT COUNT(*) FROM metrics m JOIN trials t ON t.id = m.trial_id"
                    + " WHERE t.status = 'diverged' AND m.epoch IS NULL"), "a diverged trial has no final metrics");
            assertEquals(List.of("1"), column(db, "SELECT COUNT(*) FROM metrics m JOIN trials t ON t.id = m.trial_id"
                    + " WHERE t.status = 'finished' AND m.epoch IS NULL AND m.split = 'test' AND m.name = 'accuracy'"));
        }
        String report = Files.readString(dir.resolve("runs").resolve("outcomes").resolve("report.md"));
        assertTrue(report.contains("1 trial\\(s\\) diverged"), report);

        // Again: the failed trials are retried (and fail again); the diverged one is final, like the finished one.
        StringWriter again = new StringWriter();
        assertEquals(12, awb(new StringWriter(), again, run(file, "0")), again.toString());
        assertTrue(again.toString().contains("0 finished, 2 failed, 2 skipped"), again.toString());
        try (Connection db = store()) {
            assertEquals(List.of("1 1", "1 1", "2 2", "2 2"),
                    column(db, "SELECT seed || ' ' || attempts FROM trials ORDER BY seed, idx"));
        }
    }

    @Test
    void reproduceRetrainsStoredTrialsAndReportsEveryDifference() throws Exception {
        Path file = experiment("again", "{ optimizer.with.lr: [1.0e-3, 10] }");
        StringWriter err = new StringWriter();
        assertEquals(0, awb(new StringWriter(), err, run(file, "1")), err.toString());
        String finished;
        String diverged;
        try (Connection db = store()) {
            finished = column(db, "SELECT id FROM trials WHERE status = 'finished'").get(0);
            diverged = column(db, "SELECT id FROM trials WHERE status = 'diverged'").get(0);
        }
        String storeFile = dir.resolve("runs").resolve("awb.sqlite").toString();

        StringWriter out = new StringWriter();
        StringWriter log = new StringWriter();
        assertEquals(0, awb(out, log, "reproduce", finished.substring(0, 10), "--store", storeFile, "--plugins",
                dir.resolve("plugins").toString()), out + "\n" + log);
        assertTrue(out.toString().matches("(?s).*test\\.accuracy\\s+\\S+\\s+\\S+\\s+0\\s+same.*"), out.toString());
        assertTrue(log.toString().contains("quality metric(s) reproduced exactly"), log.toString());
        // The trial ran in a worker with one OpenMP thread: a rerun with another count would differ in the last bits.
        assertEquals(!"1".equals(System.getenv("OMP_NUM_THREADS")),
                log.toString().contains("rerunning with OMP_NUM_THREADS=1, as the trial ran"), log.toString());

        // Reproduce rebuilds from the store's frozen copy: the experiment file is not read (here: no longer valid).
        Files.writeString(file, "experiment: [not, an, experiment");
        StringWriter divergedLog = new StringWriter();
        assertEquals(0, awb(new StringWriter(), divergedLog, "reproduce", diverged, "--store", storeFile,
                "--plugins", dir.resolve("plugins").toString()), divergedLog.toString());
        assertTrue(divergedLog.toString().contains("diverged at the same step"), divergedLog.toString());

        // A stored value that the rerun does not give back is reported by name, with exit 3.
        try (Connection db = store(); Statement statement = db.createStatement()) {
            statement.executeUpdate("UPDATE metrics SET value = value + 0.25 WHERE trial_id = '" + finished
                    + "' AND epoch IS NULL AND split = 'validation' AND name = 'loss'");
        }
        StringWriter changed = new StringWriter();
        StringWriter changedLog = new StringWriter();
        assertEquals(3, awb(changed, changedLog, "reproduce", finished, "--store", storeFile, "--plugins",
                dir.resolve("plugins").toString()), changed + "\n" + changedLog);
        assertTrue(changed.toString().matches("(?s).*validation\\.loss\\s+\\S+\\s+\\S+\\s+-0\\.250*\\d*\\s+DIFFERS.*"),
                changed.toString());
        assertTrue(changedLog.toString().contains("1 of "), changedLog.toString());

        StringWriter unknown = new StringWriter();
        assertEquals(2, awb(new StringWriter(), unknown, "reproduce", "ffffffffff", "--store", storeFile),
                unknown.toString());
        assertTrue(unknown.toString().contains("no trial has an id starting with 'ffffffffff'"), unknown.toString());
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
    }

}
