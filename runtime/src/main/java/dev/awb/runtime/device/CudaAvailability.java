package dev.awb.runtime.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether a CUDA device can run trials here, decided before a study is planned, for the same reasons
 * {@code awb doctor} gives.
 *
 * <p>The cheap case first: a distribution built without {@code -Pcuda} has no ND4J CUDA backend on its class path
 * (found by looking the class up without initialising it), so nothing is loaded. When the backend is there, whether
 * it loads depends on the driver, the libraries and the GPUs, and loading it is not free of side effects: a failed
 * native initialiser stays failed for the life of the JVM, and a successful one makes ND4J prefer CUDA for the
 * driver's own graph checks. So the probe runs in a child JVM ({@code awb doctor --cuda-probe}) started with the
 * environment of the first worker (backend priorities, {@code CUDA_VISIBLE_DEVICES}), and the driver's own ND4J
 * is left alone.
 */
public final class CudaAvailability {
    /** The reason given where the distribution has no CUDA backend (doctor's "cuda backend:" line). */
    public static final String NOT_IN_DISTRIBUTION = "not in this distribution (built without -Pcuda;"
            + " ./mvnw -Pcuda package builds one with CUDA 11.6 + cuDNN 8.3)";

    /** How long the child JVM may take to load the CUDA backend. */
    private static final long PROBE_SECONDS = 180;

    private CudaAvailability() {
    }

    /**
     * Why {@code device} cannot run trials here, or null when it can (or is the CPU).
     *
     * @param environment the environment a worker for {@code device} starts with
     * @param javaCommand the command line of a child JVM running {@code awb} with the given arguments; null skips the
     *     probe (Slurm: the submitting machine's GPUs are not the tasks')
     */
    public static String unavailable(Device device, Map<String, String> environment,
            Function<List<String>, List<String>> javaCommand) {
        if (!device.cuda()) {
            return null;
        }
        if (!LoadedBackend.cudaInDistribution()) {
            return "CUDA backend " + NOT_IN_DISTRIBUTION;
        }
        return javaCommand == null ? null : probe(environment, javaCommand.apply(List.of("doctor", "--cuda-probe")));
    }

    /** Runs {@code command} (a child {@code awb doctor --cuda-probe}): null when it says CUDA loads, else its reason. */
    static String probe(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "the CUDA backend did not load within " + PROBE_SECONDS + " s (awb doctor --cuda-probe)";
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            String last = text.lines().reduce((a, b) -> b).orElse("");
            return process.exitValue() == 0 ? null : last.isEmpty() ? "awb doctor --cuda-probe exited with "
                    + process.exitValue() : last;
        } catch (IOException e) {
            return "cannot start a JVM to probe CUDA: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing CUDA";
        }
    }
}
