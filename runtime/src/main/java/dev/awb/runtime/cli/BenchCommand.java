package dev.awb.runtime.cli;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.runtime.bench.Benchmarks;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.ExperimentValidator;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.launch.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb bench}: per attention variant, forward and forward+backward time of one layer over a range of
 * lengths, and the training step of an experiment's model at a few lengths; Markdown tables on stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark attention variants: one layer's forward and forward+backward (ms, GFLOP/s, peak memory) "
                + "and the training step of an experiment's model (ms, tokens/s).",
            "Large lengths need off-heap room: AWB_JAVA_OPTS='-Dorg.bytedeco.javacpp.maxbytes=20G -Dorg.bytedeco.javacpp.maxphysicalbytes=22G'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured (configurations that ran out of memory are reported as such)", "2:bad input"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--variants", split = ",", defaultValue = "soft,linear",
            description = "Attention plugins to measure (default: ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = "--lengths", split = ",", defaultValue = "256,512,1024,2048,4096",
            description = "Sequence lengths for the single-layer benchmark (default: ${DEFAULT-VALUE}).")
    List<Integer> lengths;

    @Option(names = "--batch", defaultValue = "8", description = "Batch of the single-layer benchmark (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--heads", defaultValue = "4", description = "Heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--head-width", defaultValue = "16", description = "Width of one head (default: ${DEFAULT-VALUE}).")
    int headWidth;

    @Option(names = "--experiment", defaultValue = "experiments/quickstart.yaml",
            description = "Experiment whose model the training-step benchmark uses (default: ${DEFAULT-VALUE}).")
    Path experiment;

    @Option(names = "--step-lengths", split = ",", defaultValue = "128,512",
            description = "Sequence lengths for the training-step benchmark; empty to skip (default: ${DEFAULT-VALUE}).")
    List<Integer> stepLengths;

    @Option(names = "--step-batch", defaultValue = "32", description = "Batch of the training step (default: ${DEFAULT-VALUE}).")
    int stepBatch;

    @Option(names = "--runs", defaultValue = "10", description = "At most this many timed runs per configuration (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--min-seconds", defaultValue = "2", description = "Keep timing until this many seconds (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (OsgiHost osgi = host.start(err)) {
            PluginRegistry registry = new PluginRegistry(osgi.context());
            List<PluginDescriptor> mechanisms = new ArrayList<>();
            for (String variant : variants) {
                mechanisms.add(registry.find(AttentionMechanism.KIND, variant).orElseThrow(() ->
                        new picocli.CommandLine.ParameterException(spec.commandLine(), "no attention plugin '" + variant
                                + "'; available: " + registry.names(AttentionMechanism.KIND))));
            }
            Benchmarks benchmarks = new Benchmarks(out, err, Math.min(3, runs), runs, minSeconds);
            benchmarks.kernels(mechanisms, lengths, batch, heads, headWidth);
            if (!stepLengths.isEmpty()) {
                StudyPlan plan = ExperimentValidator.validate(ExperimentReader.read(experiment), registry);
                Trial base = plan.trials().get(0);
                List<Trial> trials = new ArrayList<>();
                for (PluginDescriptor mechanism : mechanisms) {
                    Params params = mechanism.id().equals(base.attention().plugin().id()) ? base.attention().params()
                            : withHeadsOf(base, Params.defaults(mechanism.params()));
                    trials.add(base.withAttention(new ResolvedNode(base.attention().node(), mechanism, params)));
                }
                benchmarks.steps(trials, stepLengths, stepBatch);
            }
            return ExitCodes.OK;
        }
    }

    private static Params withHeadsOf(Trial base, Params params) {
        Object heads = base.attention().params().asMap().get("heads");
        return heads != null && params.asMap().containsKey("heads") ? params.with("heads", heads) : params;
    }
}
