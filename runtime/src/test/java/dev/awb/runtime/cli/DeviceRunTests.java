package dev.awb.runtime.cli;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.NvidiaSmi;
import dev.awb.runtime.study.StudyDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb run --device}: the environment each worker process gets and the refusal to train a CUDA trial on
 * the CPU, checked on a machine without a GPU or CUDA backend (the fallback is exactly what happens here).
 */
class DeviceRunTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    private static final Pattern WORKER_LINE = Pattern.compile(
            "\\[worker] .* headless true; device (\\S+), ND4J backend (\\S+), CUDA_VISIBLE_DEVICES=(\\S+)");

    @TempDir
    Path dir;

    @BeforeEach
    void requireAMachineWhereCudaCannotLoad() {
        assumeFalse(LoadedBackend.cudaInDistribution() && NvidiaSmi.query().answered(),
                "a CUDA distribution on a machine with an NVIDIA driver: CUDA may really load here");
    }

    private Path experiment(String seeds) throws IOException {
        String text = Files.readString(QUICKSTART)
                .replace("train_size: 3000, validation_size: 300, test_size: 500",
                        "train_size: 64, validation_size: 32, test_size: 32")
                .replace("epochs: 32", "epochs: 1")
                .replace("seeds: [1]", "seeds: " + seeds);
        Path file = dir.resolve("device.yaml");
        Files.writeString(file, text);
        return file;
    }

    private String[] run(Path file, String... more) {
        return Stream.concat(Stream.of("run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
                dir.resolve("plugins").toString(), "--threads-per-worker", "1"), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void cudaTrialWhoseWorkerFellBackToTheCpuFailsInsteadOfTraining() throws Exception {
        StringWriter err = new StringWriter();
        int code = Awb.execute(run(experiment("[1]"), "--device", "cuda"), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(11, code, "one failed trial: exit 10 + 1\n" + err);
        assertTrue(err.toString().contains("device cuda, one unpinned worker"), err.toString());
        try (Connection db = store()) {
            List<String> errors = column(db, "SELECT status || ': ' || error FROM trials");
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).startsWith("failed: dev.awb.runtime.device.BackendMismatchException: device cuda"
                    + " was asked for, but ND4J fell back to its CPU backend (CpuBackend)"), errors.get(0));
            assertEquals(List.of("0"), column(db, "SELECT COUNT(*) FROM metrics"), "nothing may be trained");
        }
        assertTrue(err.toString().contains("fell back to its CPU backend"), "the failure is shown\n" + err);
    }

    @Test
    void cudaGivesEachVisibleGpuOneWorkerAtATime() throws Exception {
        // The driver runs as its own process so that it can see two GPUs through CUDA_VISIBLE_DEVICES.
        List<String> command = StudyDriver.javaCommand(List.of(run(experiment("[1, 2, 3]"), "--device", "cuda")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile());
        builder.environment().put("CUDA_VISIBLE_DEVICES", "0,1");
        Process driver = builder.start();
        assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "the driver did not end");
        String log = Files.readString(dir.resolve("driver.log"));
        assertEquals(13, driver.exitValue(), "three failed trials: exit 10 + 3\n" + log);
        assertTrue(log.contains("3 trial(s) to run, 2 worker process(es) x 1 thread(s); device cuda, one worker per GPU"
                + " [0, 1]: 2 GPU(s) [0, 1] (from CUDA_VISIBLE_DEVICES=0,1)"), log);
        Set<String> gpus = new TreeSet<>();
        try (Stream<Path> logs = Files.walk(dir.resolve("runs"))) {
            for (Path worker : logs.filter(p -> p.endsWith("worker.log")).toList()) {
                Matcher line = WORKER_LINE.matcher(Files.readString(worker, StandardCharsets.UTF_8));
                assertTrue(line.find(), worker + " has no [worker] line");
                assertEquals("cuda", line.group(1));
                assertEquals("CpuBackend", line.group(2));
                gpus.add(line.group(3));
            }
        }
        assertEquals(Set.of("0", "1"), gpus, "each worker sees exactly one GPU, and both GPUs get trials");
        try (Connection db = store()) {
            assertEquals(List.of("failed", "failed", "failed"), column(db, "SELECT status FROM trials"));
        }
    }

    @Test
    void rejectsBadDevicesBeforeRunningAnything() throws Exception {
        Path file = experiment("[1]");
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        assertEquals(2, Awb.execute(run(file, "--device", "gpu"), out, new PrintWriter(err, true)));
        assertTrue(err.toString().contains("Invalid value for option '--device': device must be one of cpu, cuda,"
                + " cuda:N (N = a visible GPU's index, 0 or more), found 'gpu'"), err.toString());

        Path tpu = dir.resolve("tpu.yaml");
        Files.writeString(tpu, Files.readString(file).replace("seeds: [1]", "seeds: [1]\ndevice: tpu"));
        StringWriter yaml = new StringWriter();
        assertEquals(2, Awb.execute(run(tpu), out, new PrintWriter(yaml, true)));
        assertTrue(yaml.toString().contains("error: " + tpu + ":" + lineOf(tpu, "device: tpu") + ":9: device must be one"
                + " of cpu, cuda, cuda:N"), yaml.toString());

        StringWriter inProcess = new StringWriter();
        assertEquals(2, Awb.execute(run(file, "--device", "cuda:1", "--workers", "0"), out,
                new PrintWriter(inProcess, true)));
        assertTrue(inProcess.toString().contains("device cuda:1 needs worker processes"), inProcess.toString());

        StringWriter tooMany = new StringWriter();
        assertEquals(2, Awb.execute(run(file, "--device", "cuda:0", "--workers", "2"), out,
                new PrintWriter(tooMany, true)));
        assertTrue(tooMany.toString().contains("--workers 2 exceeds the 1 GPU(s)"), tooMany.toString());
        assertTrue(Files.notExists(dir.resolve("runs").resolve("awb.sqlite")), "nothing was stored");
    }

    private static int lineOf(Path file, String text) throws IOException {
        return Files.readAllLines(file).indexOf(text) + 1;
    }

    private Connection store() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
    }

}
