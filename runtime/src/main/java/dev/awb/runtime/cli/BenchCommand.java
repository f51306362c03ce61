package dev.awb.runtime.cli;

import dev.awb.runtime.bench.AwbCell;
import dev.awb.runtime.bench.BenchReport;
import dev.awb.runtime.bench.CellResult;
import dev.awb.runtime.bench.CellSpec;
import dev.awb.runtime.bench.SideBySide;
import dev.awb.runtime.bench.Timing;
import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.launch.OsgiHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb bench}: per attention variant, the forward+backward time and peak memory of one attention layer over a
 * range of lengths and the training step of an experiment's model, each configuration measured in a process of its
 * own; with {@code --against pytorch} the same workloads in PyTorch, interleaved, and their ratios. Markdown on
 * stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark attention variants, each configuration in its own process: one attention layer with its"
                + " q/k/v/o projections, forward+backward (ms, peak resident memory), and the training step of an"
                + " experiment's model. With --against pytorch the same workloads in PyTorch (torch_bench.py, shipped"
                + " in the runtime jar), interleaved with awb's, and a table of awb/PyTorch ratios.",
            "Repetitions during which other processes used more than --max-foreign cores are discarded and repeated;"
                + " a cell with too few clean ones is marked contended."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured (cells that failed, e.g. out of memory, are reported as such)",
            "2:bad input, or --against pytorch without a Python that imports torch"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--against", paramLabel = "pytorch",
            description = "Also run every workload in PyTorch and print awb/PyTorch ratios (needs --python with torch).")
    String against;

    @Option(names = "--variants", split = ",", defaultValue = "soft,linear",
            description = "Attention plugins to measure (default: ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = "--lengths", defaultValue = "512,1024,4096", paramLabel = "L,...",
            description = "Sequence lengths of the attention-layer workload; empty to skip (default: ${DEFAULT-VALUE}).")
    String lengths;

    @Option(names = "--step-lengths", defaultValue = "128,512", paramLabel = "L,...",
            description = "Sequence lengths of the training-step workload; empty to skip (default: ${DEFAULT-VALUE}).")
    String stepLengths;

    @Option(names = "--batch", defaultValue = "8", description = "Batch of the attention layer (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--heads", defaultValue = "4", description = "Heads, both workloads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--head-width", defaultValue = "16", description = "Width of one head of the attention layer (default: ${DEFAULT-VALUE}).")
    int headWidth;

    @Option(names = "--experiment", defaultValue = "experiments/quickstart.yaml",
            description = "Experiment whose model the training step trains, with --heads heads (default: ${DEFAULT-VALUE}).")
    Path experiment;

    @Option(names = "--step-batch", defaultValue = "32", description = "Batch of the training step (default: ${DEFAULT-VALUE}).")
    int stepBatch;

    @Option(names = "--threads", description = "OpenMP / PyTorch threads of every cell (default: OMP_NUM_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--natives", split = ",", paramLabel = "NAME",
            description = "awb native variants to run side by side, from the distribution's lib/native (e.g. generic,avx512);"
                    + " default: the one this process loaded.")
    List<String> natives = new ArrayList<>();

    @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions per cell (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--min-warmup-seconds", defaultValue = "3", description = "Warm up at least this long (default: ${DEFAULT-VALUE}).")
    double minWarmupSeconds;

    @Option(names = "--min-rep-seconds", defaultValue = "0.2",
            description = "A repetition repeats the step until it lasts this long (default: ${DEFAULT-VALUE}).")
    double minRepSeconds;

    @Option(names = "--budget-seconds", defaultValue = "120",
            description = "Stop timing a cell after this long once one repetition is in (default: ${DEFAULT-VALUE}).")
    double budgetSeconds;

    @Option(names = "--max-foreign", defaultValue = "0.15",
            description = "Discard a repetition during which other processes used more cores than this (default: ${DEFAULT-VALUE}).")
    double maxForeign;

    @Option(names = "--quiet-wait-seconds", defaultValue = "20",
            description = "Before timing, wait at most this long for two quiet seconds (default: ${DEFAULT-VALUE}).")
    double quietWaitSeconds;

    @Option(names = "--cell-timeout", defaultValue = "1800",
            description = "Kill a cell's process after this many seconds (default: ${DEFAULT-VALUE}).")
    double cellTimeout;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch for --against pytorch (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--torch-blas-dir", paramLabel = "DIR",
            description = "Folder with the libblas.so.3 PyTorch should load (put first on its LD_LIBRARY_PATH), e.g. an"
                    + " unpacked OpenBLAS; default: whatever the system's loader finds.")
    Path torchBlasDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every cell's result as JSON.")
    Path json;

    @Option(names = "--cell", hidden = true, description = "Run one cell's spec (JSON) in this process.")
    Path cell;

    @Option(names = "--cell-out", hidden = true, description = "Where --cell writes its result.")
    Path cellOut;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (cell != null) {
            return runCell(err);
        }
        checkOptions();
        Path work = Files.createTempDirectory("awb-bench");
        try (OsgiHost osgi = host.start(err)) {
            BenchReport report = new BenchReport(osgi.plugins(), timing(), cellThreads());
            List<CellSpec> cells = report.cells(variants, lengths("--lengths", lengths),
                    lengths("--step-lengths", stepLengths), batch, heads, headWidth, experiment, stepBatch);
            SideBySide.Plan plan;
            try {
                plan = new SideBySide.Plan(cells, natives, "pytorch".equals(against)
                        ? BenchReport.torch(python, torchBlasDir, work) : null, cellTimeout, work);
            } catch (BenchReport.TorchUnavailable e) {
                err.println("error: awb bench --against pytorch: " + e.getMessage()
                        + "; run without --against to measure awb alone");
                return ExitCodes.BAD_INPUT;
            }
            List<CellResult> results = new SideBySide(err, Awb::processCommand).run(plan);
            report.print(out, cells, results);
            if (json != null) {
                BenchReport.writeJson(json, results);
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            BenchReport.deleteWork(work, err);
        }
    }

    private void checkOptions() {
        if (against != null && !"pytorch".equals(against)) {
            throw new ParameterException(spec.commandLine(), "--against: unknown framework '" + against
                    + "'; valid: [pytorch]");
        }
        Path dist = HostOptions.distribution();
        for (String name : natives) {
            if (!NativeVariant.available(dist).contains(name)) {
                throw new ParameterException(spec.commandLine(), "--natives: no native variant '" + name + "' in "
                        + dist.resolve(NativeVariant.FOLDER) + "; available: " + NativeVariant.available(dist));
            }
        }
        if (reps < 1 || batch < 1 || heads < 1 || headWidth < 1 || stepBatch < 1) {
            throw new ParameterException(spec.commandLine(), "--reps, --batch, --heads, --head-width and --step-batch"
                    + " must be at least 1");
        }
        if (!lengths("--step-lengths", stepLengths).isEmpty() && !Files.isRegularFile(experiment)) {
            throw new ParameterException(spec.commandLine(), "--experiment: no such file: " + experiment);
        }
    }

    /** A comma-separated list of positive lengths; empty for none. */
    private List<Integer> lengths(String option, String text) {
        List<Integer> values = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                values.add(Integer.parseInt(item.trim()));
            } catch (NumberFormatException e) {
                values.add(-1);
            }
            if (values.get(values.size() - 1) < 1) {
                throw new ParameterException(spec.commandLine(), option + ": '" + item + "' is not a positive length");
            }
        }
        return values;
    }

    private Timing timing() {
        return new Timing(warmup, minWarmupSeconds, reps, minRepSeconds, budgetSeconds, maxForeign, quietWaitSeconds);
    }

    private int cellThreads() {
        if (threads != null) {
            return threads;
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        return omp != null && omp.matches("[1-9][0-9]*") ? Integer.parseInt(omp)
                : Runtime.getRuntime().availableProcessors();
    }

    /** The child side: one awb cell in this process, its result written to {@code --cell-out}. */
    private int runCell(PrintWriter err) throws IOException {
        CellSpec cellSpec = SideBySide.readSpec(cell);
        try (OsgiHost osgi = host.start(err)) {
            CellResult result = AwbCell.run(cellSpec, osgi.plugins());
            SideBySide.writeResult(cellOut, result);
            return result.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
