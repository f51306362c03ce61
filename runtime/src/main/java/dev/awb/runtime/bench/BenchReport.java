package dev.awb.runtime.bench;

import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark as {@code awb bench} runs it: the cells (every variant at every length of the attention-layer
 * workload, then of the training-step workload), the PyTorch side when asked for, and the Markdown report.
 */
public final class BenchReport {
    private final PluginRegistry registry;
    private final Timing timing;
    private final int threads;

    /** Thrown when the PyTorch side cannot run; the message says why and what to install. */
    public static final class TorchUnavailable extends Exception {
        TorchUnavailable(String message) {
            super(message);
        }
    }

    public BenchReport(PluginRegistry registry, Timing timing, int threads) {
        this.registry = registry;
        this.timing = timing;
        this.threads = threads;
    }

    /**
     * The cells to run, attention-layer workload first.
     *
     * @throws IllegalArgumentException naming a variant that is not installed
     */
    public List<CellSpec> cells(List<String> variants, List<Integer> lengths, List<Integer> stepLengths, int batch,
            int heads, int headWidth, Path experiment, int stepBatch) {
        List<CellSpec> cells = new ArrayList<>();
        variants.forEach(v -> StepTrial.mechanism(registry, v));
        for (String variant : variants) {
            for (int length : lengths) {
                cells.add(new CellSpec(CellSpec.ATTENTION, variant, length, threads, timing, batch, heads, headWidth,
                        null, stepBatch, null));
            }
        }
        for (String variant : variants) {
            Trial trial = stepLengths.isEmpty() ? null : StepTrial.of(registry, experiment, variant, heads);
            for (int length : stepLengths) {
                cells.add(new CellSpec(CellSpec.STEP, variant, length, threads, timing, batch, heads, headWidth,
                        experiment.toAbsolutePath().toString(), stepBatch, StepTrial.describe(trial, length, stepBatch)));
            }
        }
        return cells;
    }

    /**
     * The PyTorch side: {@code python} with torch, {@code torch_bench.py} copied into {@code work}.
     *
     * @throws TorchUnavailable when the interpreter or torch is missing
     */
    public static TorchSide torch(Path python, Path blasDirectory, Path work) throws TorchUnavailable, IOException {
        try {
            return TorchSide.find(python, blasDirectory, work);
        } catch (TorchSide.Unavailable e) {
            throw new TorchUnavailable(e.getMessage());
        }
    }

    /** The ratio (or awb-only) table, the conditions of every cell and the environments. */
    public void print(PrintWriter out, List<CellSpec> cells, List<CellResult> results) {
        boolean torch = results.stream().anyMatch(r -> "torch".equals(r.side()));
        String heading = String.format(Locale.ROOT, "%s: float32, %d thread(s), median of up to %d repetitions, each "
                + "configuration in its own process%s", torch ? "awb vs PyTorch" : "awb", threads, timing.reps(),
                torch ? ", interleaved" : "");
        out.printf(Locale.ROOT, "%nWorkloads: **attention** = one attention layer with its q/k/v/o projections, batch %s,"
                + " forward + backward to every weight, loss = sum of outputs; **step** = one optimizer step (forward,"
                + " backward, update) of the experiment's model (bidirectional), batch %s. Peak = the cell process's resident high-water"
                + " mark (VmHWM), runtime included.%n", cells.isEmpty() ? "-" : cells.get(0).batch(),
                cells.isEmpty() ? "-" : cells.get(0).stepBatch());
        RatioTable.print(out, cells, results, heading);
    }

    /** Every result as a JSON array. */
    public static void writeJson(Path file, List<CellResult> results) throws IOException {
        SideBySide.writeJson(file, results);
    }

    /** Removes the work folder (specs, results, logs of the cells). */
    public static void deleteWork(Path work, PrintWriter err) {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("[bench] could not remove " + work + ": " + e.getMessage());
        }
    }
}
