package dev.awb.runtime.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of the benchmark: a Python 3 interpreter with {@code torch}, the project's own
 * {@code torch_bench.py} (shipped inside the runtime jar, copied out once per run), and the BLAS folder PyTorch
 * should load. Debian's torch has no BLAS of its own and uses whatever {@code libblas.so.3} the loader finds
 * (Netlib's reference BLAS by default, ≈30× slower than OpenBLAS); {@code blasDirectory} goes first on
 * {@code LD_LIBRARY_PATH} of each PyTorch child so that only the benchmark sees another one.
 *
 * @param python the interpreter
 * @param script the copied {@code torch_bench.py}
 * @param blasDirectory a folder holding the {@code libblas.so.3} PyTorch should map, or null for the system's
 */
record TorchSide(Path python, Path script, Path blasDirectory) {
    static final String SCRIPT = "torch_bench.py";

    /** Thrown when the interpreter or torch is missing; the message says what to install. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Copies the script into {@code work} and checks that {@code python} imports torch.
     *
     * @throws Unavailable naming the interpreter and why it cannot run the PyTorch side
     */
    static TorchSide find(Path python, Path blasDirectory, Path work) throws Unavailable, IOException {
        if (!Files.isExecutable(python)) {
            throw new Unavailable("no Python interpreter at " + python + " (--python); the PyTorch side needs Python 3"
                    + " with torch, e.g. Debian's: apt-get install python3-torch");
        }
        if (blasDirectory != null && !Files.isDirectory(blasDirectory)) {
            throw new Unavailable("--torch-blas-dir " + blasDirectory + " is not a folder");
        }
        Path script = work.resolve(SCRIPT);
        try (InputStream in = TorchSide.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the runtime jar");
            }
            Files.copy(in, script);
        }
        TorchSide side = new TorchSide(python, script, blasDirectory);
        Path log = work.resolve("torch-probe.log");
        ProcessBuilder probe = side.process(List.of("--probe"), 1, log);
        try {
            Process process = probe.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable(python + " did not answer within 120 s when importing torch");
            }
            if (process.exitValue() != 0) {
                throw new Unavailable(python + " cannot import torch: " + lastLine(log) + " (Debian: apt-get install"
                        + " python3-torch; a missing libblas.so.3 also needs libblas3 or --torch-blas-dir)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while probing " + python);
        }
        return side;
    }

    /** The command of a PyTorch child with {@code arguments}, OMP_NUM_THREADS, the BLAS folder and {@link MallocSettings} set, output to {@code log}. */
    ProcessBuilder process(List<String> arguments, int threads, Path log) {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("OMP_NUM_THREADS", String.valueOf(threads));
        MallocSettings.apply(environment);
        if (blasDirectory != null) {
            String existing = environment.get("LD_LIBRARY_PATH");
            environment.put("LD_LIBRARY_PATH", blasDirectory.toAbsolutePath()
                    + (existing == null || existing.isEmpty() ? "" : ":" + existing));
        }
        return builder;
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
