package dev.awb.runtime.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GPUs of this machine as NVIDIA's {@code nvidia-smi} lists them, read from its CSV query output.
 *
 * <p>{@code nvidia-smi} ignores {@code CUDA_VISIBLE_DEVICES} and lists every GPU of the machine; see
 * {@link VisibleGpus} for the ones a process may use.
 */
public final class NvidiaSmi {
    /** The arguments of the query this class parses: one CSV line per GPU, no header, numbers without units. */
    public static final List<String> QUERY = List.of("--query-gpu=index,name,memory.total,driver_version,uuid",
            "--format=csv,noheader,nounits");

    private static final long TIMEOUT_SECONDS = 20;

    /**
     * What a query found.
     *
     * @param gpus the GPUs listed, empty when there are none or the query failed
     * @param problem why nothing could be listed (nvidia-smi missing, or its error), or null when it answered
     */
    public record Listing(List<Gpu> gpus, String problem) {
        /** Whether nvidia-smi answered, so that {@link #gpus()} is the machine's real list (maybe empty). */
        public boolean answered() {
            return problem == null;
        }
    }

    private NvidiaSmi() {
    }

    /** Runs {@code nvidia-smi} (from {@code PATH}) and lists the GPUs; never throws. */
    public static Listing query() {
        List<String> command = new ArrayList<>();
        command.add("nvidia-smi");
        command.addAll(QUERY);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Listing(List.of(), "nvidia-smi not found on PATH (no NVIDIA driver installed here)");
        }
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Listing(List.of(), "nvidia-smi did not answer within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return new Listing(List.of(), "nvidia-smi failed (exit code " + process.exitValue() + "): "
                        + output.strip().replace('\n', ' '));
            }
            return new Listing(parse(output), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Listing(List.of(), "cannot read nvidia-smi's answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Listing(List.of(), "interrupted while waiting for nvidia-smi");
        }
    }

    /**
     * The GPUs of {@code csv}, the output of {@code nvidia-smi} with {@link #QUERY}: lines such as
     * {@code 0, NVIDIA H100 80GB HBM3, 81559, 535.104.05, GPU-5c1f...}. The name may itself contain commas.
     *
     * @throws IllegalArgumentException for a line that does not have the queried fields
     */
    public static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = Arrays.stream(line.split(",")).map(String::strip).toArray(String[]::new);
            if (fields.length < 5) {
                throw new IllegalArgumentException("expected 'index, name, memory.total, driver_version, uuid', found '"
                        + line + "'");
            }
            int n = fields.length;
            int index;
            try {
                index = Integer.parseInt(fields[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GPU index is not a number in '" + line + "'");
            }
            String name = String.join(", ", Arrays.asList(fields).subList(1, n - 3));
            gpus.add(new Gpu(index, name, memory(fields[n - 3]), fields[n - 2], fields[n - 1]));
        }
        return List.copyOf(gpus);
    }

    private static long memory(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException notReported) {
            return -1;
        }
    }
}
