package dev.awb.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import dev.awb.runtime.launch.TestBundles;
import dev.awb.runtime.store.PostgresServer;
import dev.awb.runtime.study.StudyDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb run --launcher slurm}, {@code awb status} and {@code awb cancel} against a real single-node Slurm
 * cluster ({@link SlurmCluster}); every awb process runs in the cluster's network namespace as a separate JVM,
 * as on a login node, and the results store is a real PostgreSQL server ({@link PostgresServer}) on that
 * namespace's loopback, as a cluster's shared store would be.
 */
class SlurmLauncherTests {
    private static final Duration AWB_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** Three seeds of a tiny model on {@code dataset/failing}, whose data generation throws for seed 2. */
    private Path experiment() throws IOException {
        Path file = dir.resolve("slurm-study.yaml");
        Files.writeString(file, """
                experiment: slurm-study
                seeds: [1, 2, 3]
                graph:
                  data:      { use: dataset/failing, with: { fail_seed: 2 } }
                  attention: { use: attention/soft, with: { heads: 1 } }
                  model:     { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 8 } }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-2 } }
                  train:     { use: trainer, inputs: [model, data, optimizer], with: { epochs: 2, batch: 16 } }
                  evaluate:  { use: [metric/accuracy, metric/loss] }
                """);
        TestBundles.withFailingDataset(dir.resolve("plugins"));
        return file;
    }

    @Test
    void runsUnfinishedTrialsAsOneArrayJobAndReportsTheFailedOneWithItsLog() throws Exception {
        Path file = experiment();
        // The server is stopped before the cluster (resources close in reverse), which ends all in its namespace.
        try (SlurmCluster cluster = SlurmCluster.start(dir.resolve("slurm"));
                PostgresServer postgres = PostgresServer.start(cluster.inNamespace())) {
            String store = postgres.jdbcUrl();
            List<String> run = List.of("run", file.toString(), "--launcher", "slurm", "--gres", "gpu:1",
                    "--max-parallel", "2", "--runs", dir.resolve("runs").toString(), "--store", store, "--plugins",
                    dir.resolve("plugins").toString());
            cluster.partition("DOWN"); // jobs are accepted and wait until the test lets them run
            SlurmCluster.Result first = awb(cluster, run);
            assertEquals(0, first.code(), first.out());
            String job = jobId(first.out());
            assertTrue(first.out().contains("[slurm] 3 trial(s) submitted (0 finished before), at most 2 at a time"),
                    first.out());
            assertTrue(first.out().contains("store: " + store + ")"), first.out());
            assertTrue(Files.readString(dir.resolve("runs/slurm-study/slurm/1/job.sh")).contains("'--store' '" + store
                    + "'"), "the array tasks write to the same PostgreSQL store");

            SlurmCluster.Result again = awb(cluster, run);
            assertEquals(0, again.code(), again.out());
            assertTrue(again.out().contains("[slurm] nothing to submit: 0 finished, 3 queued or running"), again.out());

            List<String> local = new ArrayList<>(run.subList(0, 2));
            local.addAll(run.subList(run.indexOf("--runs"), run.size()));
            SlurmCluster.Result here = awb(cluster, local);
            assertEquals(1, here.code(), here.out());
            assertTrue(here.out().contains("error: study slurm-study has 3 trial(s) queued or running in Slurm (" + job
                    + "_0 " + job + "_1 " + job + "_2)"), "a local run must not run them twice:\n" + here.out());

            cluster.partition("UP");
            cluster.awaitEnd(job, Duration.ofMinutes(5));
            assertEquals(List.of("1\tfinished\t1", "2\tfailed\t1", "3\tfinished\t1"),
                    postgres.rows("awb", "SELECT seed, status, attempts FROM trials ORDER BY seed"), cluster.daemonLogs());
            assertEquals(List.of(), postgres.rows("awb", "SELECT trial_id FROM metrics WHERE epoch IS NULL"
                    + " GROUP BY trial_id, split, name HAVING COUNT(*) <> 1"), "each final value exactly once");
            assertEquals(List.of("2", "2"), postgres.rows("awb", "SELECT COUNT(*) FROM metrics WHERE split = 'train'"
                    + " AND name = 'loss' GROUP BY trial_id"), "both epochs of both finished trials, once");
            Path logs = dir.resolve("runs").resolve("slurm-study").resolve("logs");
            try (Stream<Path> files = Files.list(logs)) {
                assertEquals(3, files.count(), "one log per array task");
            }
            String finishedLog = Files.readString(logs.resolve(job + "_0.out"));
            assertTrue(finishedLog.contains("[slurm] study slurm-study, task " + job + "_0: trial ")
                    && finishedLog.contains("CUDA_VISIBLE_DEVICES="), "the task got one of the two GPUs:\n" + finishedLog);
            assertTrue(finishedLog.contains("seed=1 epoch 2/2 100%  loss"), "plain progress lines:\n" + finishedLog);

            SlurmCluster.Result status = awb(cluster, List.of("status", "slurm-study", "--store", store));
            assertEquals(0, status.code(), status.out());
            Path failedLog = logs.resolve(job + "_1.out");
            assertTrue(status.out().matches("(?s).*2/3 +\\w{16} +failed +" + job + "_1 FAILED \\(exit 1:0\\) +seed=2\n"
                    + " +error: .*deliberately failing dataset: seed 2 is fail_seed.*\n +log: +"
                    + Pattern.quote(failedLog.toString()) + "\n.*"), status.out());
            assertTrue(status.out().contains("3 trial(s): 2 finished, 0 diverged, 1 failed, 0 running, 0 pending"), status.out());
            assertTrue(Files.readString(failedLog).contains("deliberately failing dataset"), Files.readString(failedLog));

            cluster.partition("DOWN");
            SlurmCluster.Result retry = awb(cluster, run);
            assertEquals(0, retry.code(), retry.out());
            assertTrue(retry.out().contains("[slurm] 1 trial(s) submitted (2 finished before)"), retry.out());
            String retryJob = jobId(retry.out());
            String failedTrial = Files.readAllLines(dir.resolve("runs/slurm-study/slurm/1/trials.txt")).get(1);
            assertEquals(List.of(failedTrial), Files.readAllLines(dir.resolve("runs/slurm-study/slurm/2/trials.txt")));

            SlurmCluster.Result cancel = awb(cluster, List.of("cancel", "slurm-study", "--store", store));
            assertEquals(0, cancel.code(), cancel.out());
            assertTrue(cancel.out().contains("[slurm] cancelled job " + retryJob + ": 0 running, 1 queued task(s); trials "
                    + failedTrial), cancel.out());
            SlurmCluster.Result after = awb(cluster, List.of("status", "slurm-study", "--store", store));
            assertTrue(after.out().matches("(?s).*2/3 +" + failedTrial + " +failed +" + retryJob + "_0 CANCELLED.*\n +log: +"
                    + Pattern.quote(failedLog.toString()) + "\n.*"), after.out());
        }
    }

    @Test
    void missingSbatchIsAClearErrorBeforeAnythingIsStored() throws Exception {
        Path file = experiment();
        List<String> command = dev.awb.runtime.cli.Awb.processCommand(List.of("run", file.toString(), "--launcher", "slurm", "--runs",
                dir.resolve("runs").toString(), "--plugins", dir.resolve("plugins").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("no-slurm-here").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(1, process.waitFor(), out);
        assertTrue(out.contains("error: 'sbatch' was not found on PATH (" + dir.resolve("no-slurm-here") + ")"), out);
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing stored");
    }

    @Test
    void launcherOptionsAndStudiesAreCheckedBeforeAnythingRuns() throws Exception {
        Path file = experiment();
        assertEquals("error: --launcher must be one of [local, slurm], found [pbs]",
                inProcess(2, "run", file.toString(), "--launcher", "pbs"));
        assertEquals("error: --partition, --gres, --time and --max-parallel need --launcher slurm",
                inProcess(2, "run", file.toString(), "--gres", "gpu:1"));
        assertEquals("error: --max-parallel must be at least 1, found [0]",
                inProcess(2, "run", file.toString(), "--launcher", "slurm", "--max-parallel", "0"));
        assertEquals("error: --workers needs --launcher local",
                inProcess(2, "run", file.toString(), "--launcher", "slurm", "--workers", "2"));
        String store = dir.resolve("empty.sqlite").toString();
        for (String command : List.of("status", "cancel")) {
            assertEquals("error: no results store at " + store + " ('awb run' creates one; --store names another)",
                    inProcess(1, command, "nope", "--store", store));
            StringWriter out = new StringWriter();
            assertEquals(0, Awb.execute(new String[] {command, "--help"}, new PrintWriter(out), new PrintWriter(out)));
            assertTrue(out.toString().contains("Usage: awb " + command) && out.toString().contains("Exit codes:"),
                    out.toString());
        }
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing stored");
    }

    /** Runs awb in this process, checks its exit code and returns what it printed, stripped. */
    private String inProcess(int code, String... arguments) {
        StringWriter out = new StringWriter();
        assertEquals(code, Awb.execute(arguments, new PrintWriter(out, true), new PrintWriter(out, true)), out.toString());
        return out.toString().strip();
    }

    private static SlurmCluster.Result awb(SlurmCluster cluster, List<String> arguments)
            throws IOException, InterruptedException {
        return cluster.run(dev.awb.runtime.cli.Awb.processCommand(arguments), AWB_TIMEOUT);
    }

    private static String jobId(String out) {
        Matcher matcher = Pattern.compile("\\[slurm\\] job (\\d+) \\(array").matcher(out);
        assertTrue(matcher.find(), out);
        return matcher.group(1);
    }

}
