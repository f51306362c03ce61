package dev.awb.runtime.bench;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.PluginDescriptor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Runs the attention benchmarks and prints their results as Markdown tables, one row per configuration
 * as soon as it is measured. A configuration that runs out of memory is reported and the others go on.
 */
public final class Benchmarks {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Timer timer;

    public Benchmarks(PrintWriter out, PrintWriter err, int warmup, int maxRuns, double minSeconds) {
        this.out = out;
        this.err = err;
        this.timer = new Timer(warmup, Math.min(3, maxRuns), maxRuns, minSeconds);
    }

    /** One attention layer, forward and forward+backward, for each variant and length. */
    public void kernels(List<PluginDescriptor> variants, List<Integer> lengths, int batch, int heads, int headWidth) {
        out.printf(Locale.ROOT, "%n## One attention layer (batch %d, %d heads, head width %d, float32, loss = sum of outputs)%n%n",
                batch, heads, headWidth);
        out.println("| variant | L | fwd ms | fwd+bwd ms | GFLOP/s (fwd+bwd) | peak physical MiB |");
        out.println("|---|---|---|---|---|---|");
        out.flush();
        AttentionKernelBench bench = new AttentionKernelBench(batch, heads, headWidth, timer);
        for (PluginDescriptor variant : variants) {
            for (int length : lengths) {
                err.printf("[bench] %s L=%d%n", variant.name(), length);
                err.flush();
                try {
                    AttentionKernelBench.Result r = bench.run(variant.name(), (AttentionMechanism) variant.service(),
                            Params.defaults(variant.params()), length);
                    out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.1f | %d |%n", r.variant(), r.length(),
                            r.forwardMs(), r.stepMs(), r.gflops(), r.peakBytes() >> 20);
                } catch (RuntimeException | OutOfMemoryError e) {
                    out.printf(Locale.ROOT, "| %s | %d | failed: %s | | | |%n", variant.name(), length, firstLine(e));
                }
                out.flush();
            }
        }
    }

    /** The training step of each trial's model at each length. */
    public void steps(List<Trial> trials, List<Integer> lengths, int batch) {
        out.printf(Locale.ROOT, "%n## Training step of the experiment's model (batch %d, forward + backward + update)%n%n", batch);
        out.println("| variant | L | ms/step | tokens/s | parameters | peak physical MiB |");
        out.println("|---|---|---|---|---|---|");
        out.flush();
        TrainStepBench bench = new TrainStepBench(timer);
        for (Trial trial : trials) {
            for (int length : lengths) {
                err.printf("[bench] step %s L=%d%n", trial.attention().plugin().name(), length);
                err.flush();
                try {
                    TrainStepBench.Result r = bench.run(trial, length, batch);
                    out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f | %d | %d |%n", r.variant(), r.length(), r.stepMs(),
                            r.tokensPerSecond(), r.parameters(), r.peakBytes() >> 20);
                } catch (RuntimeException | OutOfMemoryError e) {
                    out.printf(Locale.ROOT, "| %s | %d | failed: %s | | | |%n", trial.attention().plugin().name(), length,
                            firstLine(e));
                }
                out.flush();
            }
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("").replace('|', '/');
    }
}
