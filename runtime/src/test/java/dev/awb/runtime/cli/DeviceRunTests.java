package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.NvidiaSmi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb run --device}: the refusal of a device this machine or distribution cannot serve before anything runs,
 * checked on a machine without a GPU or CUDA backend. Which environment each worker gets per GPU is checked by
 * DeviceAssignmentTests; the worker's own refusal to train a CUDA trial on the CPU by LoadedBackendTests.
 */
class DeviceRunTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");

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
                .replaceAll("epochs: \\d+", "epochs: 1")
                .replace("seeds: [1]", "seeds: " + seeds);
        Path file = dir.resolve("device.yaml");
        Files.writeString(file, text);
        return file;
    }

    private String[] run(Path file, String... more) {
        return Stream.concat(Stream.of("run", file.toString(), "--runs", dir.resolve("runs").toString(), "--plugins",
                dir.resolve("plugins").toString(), "--threads-per-worker", "1"), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * Where the distribution has no CUDA backend, {@code --device cuda} (or {@code cuda:N}, or {@code device: cuda} in
     * the file) is bad input found with the experiment's validation, for the reason {@code awb doctor} gives: no
     * study is registered and no worker starts. (Before, each trial's worker found out minutes later and the run
     * exited 10 + N; that fallback check stays in the worker for tasks on other machines, see LoadedBackendTests.)
     */
    @Test
    void cudaWithoutACudaBackendInTheDistributionIsRefusedBeforeAnythingRuns() throws Exception {
        assumeFalse(LoadedBackend.cudaInDistribution(), "this distribution carries the CUDA backend");
        Path file = experiment("[1]");
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        for (String device : List.of("cuda", "cuda:0")) {
            StringWriter err = new StringWriter();
            assertEquals(2, Awb.execute(run(file, "--device", device), out, new PrintWriter(err, true)), err.toString());
            assertTrue(err.toString().contains("error: command line (--device " + device + "):1:1: device " + device
                    + " cannot run here: CUDA backend not in this distribution (built without -Pcuda"), err.toString());
            assertFalse(err.toString().contains("[run]"), "no worker may start\n" + err);
        }
        Path inFile = dir.resolve("in-file.yaml");
        Files.writeString(inFile, Files.readString(file).replace("seeds: [1]", "seeds: [1]\ndevice: cuda"));
        StringWriter yaml = new StringWriter();
        assertEquals(2, Awb.execute(run(inFile), out, new PrintWriter(yaml, true)), yaml.toString());
        assertTrue(yaml.toString().contains("error: " + inFile + ":" + lineOf(inFile, "device: cuda") + ":9: device cuda"
                + " cannot run here: CUDA backend not in this distribution"), yaml.toString());
        assertTrue(Files.notExists(dir.resolve("runs")), "nothing was stored, no study directory made");

        StringWriter doctor = new StringWriter();
        assertEquals(0, Awb.execute(new String[] {"doctor"}, new PrintWriter(doctor, true), out));
        assertTrue(doctor.toString().contains("cuda backend:    not in this distribution (built without -Pcuda"),
                "awb doctor gives the same reason\n" + doctor);
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
}
