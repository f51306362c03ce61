package dev.awb.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.awb.runtime.device.NativeVariant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs benchmark cells each in a process of its own, interleaved: for every configuration the awb cell (once per
 * native variant asked for) and then the PyTorch cell, so that a slow stretch of a shared machine hits both sides
 * alike. A cell's child writes its {@link CellResult} as JSON; its output goes to a log kept in the work folder.
 */
public final class SideBySide {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param natives the awb native variants to run (folders of the distribution's {@code lib/native}); empty: the
     *     one this process runs, with its own class path
     * @param torch the PyTorch side, or null for awb alone
     * @param cellTimeoutSeconds a child still running after this long is killed and its cell reported failed
     * @param work where specs, results and logs go
     */
    public record Plan(List<CellSpec> cells, List<String> natives, TorchSide torch, double cellTimeoutSeconds, Path work) {
    }

    private final PrintWriter err;
    /** The command line of a child JVM running {@code awb ARGUMENTS} (given by the command line: see cli/Awb). */
    private final Function<List<String>, List<String>> javaCommand;

    public SideBySide(PrintWriter err, Function<List<String>, List<String>> javaCommand) {
        this.javaCommand = javaCommand;
        this.err = err;
    }

    /** Runs every cell of {@code plan} and returns the results in the order run. */
    public List<CellResult> run(Plan plan) throws IOException {
        List<CellResult> results = new ArrayList<>();
        int total = plan.cells().size() * (Math.max(1, plan.natives().size()) + (plan.torch() != null ? 1 : 0));
        int index = 0;
        for (CellSpec cell : plan.cells()) {
            Path spec = plan.work().resolve(String.format(Locale.ROOT, "cell-%02d.json", results.size()));
            JSON.writeValue(spec.toFile(), cell);
            List<String> natives = plan.natives().isEmpty() ? java.util.Collections.singletonList(null) : plan.natives();
            for (String nativeName : natives) {
                progress(++index, total, "awb" + (nativeName == null ? "" : " " + nativeName), cell);
                results.add(report(awb(cell, spec, nativeName, plan, results.size())));
            }
            if (plan.torch() != null) {
                progress(++index, total, "torch", cell);
                results.add(report(torch(cell, spec, plan, results.size())));
            }
        }
        return results;
    }

    private void progress(int index, int total, String side, CellSpec cell) {
        err.printf(Locale.ROOT, "[bench %d/%d] %s %s ...%n", index, total, side, cell.label());
        err.flush();
    }

    private CellResult report(CellResult r) {
        if (r.ok()) {
            err.printf(Locale.ROOT, "    %.1f ms (%d reps, %d discarded, foreign load %.2f cores), peak %d MiB, %.0f s%s%n",
                    r.ms(), r.reps(), r.discarded(), r.foreignLoad(), r.peakBytes() >> 20, r.wallSeconds(),
                    r.contended() ? ", CONTENDED" : "");
        } else {
            err.printf("    failed: %s%n", r.error());
        }
        err.flush();
        return r;
    }

    private CellResult awb(CellSpec cell, Path spec, String nativeName, Plan plan, int number) throws IOException {
        Path out = plan.work().resolve(String.format(Locale.ROOT, "result-%02d.json", number));
        Path log = plan.work().resolve(String.format(Locale.ROOT, "result-%02d.log", number));
        List<String> command = javaCommand.apply(List.of("bench", "--cell", spec.toString(), "--cell-out",
                out.toString()));
        if (nativeName != null) {
            command = NativeVariant.command(command, nativeName, "awb bench --natives");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("OMP_NUM_THREADS", String.valueOf(cell.threads()));
        MallocSettings.apply(builder.environment());
        return await(builder, out, log, cell, "awb", nativeName == null ? NativeVariant.current().name() : nativeName,
                plan.cellTimeoutSeconds());
    }

    private CellResult torch(CellSpec cell, Path spec, Plan plan, int number) throws IOException {
        Path out = plan.work().resolve(String.format(Locale.ROOT, "result-%02d.json", number));
        Path log = plan.work().resolve(String.format(Locale.ROOT, "result-%02d.log", number));
        ProcessBuilder builder = plan.torch().process(List.of("--cell", spec.toString(), "--out", out.toString()),
                cell.threads(), log);
        return await(builder, out, log, cell, "torch", "torch", plan.cellTimeoutSeconds());
    }

    private static CellResult await(ProcessBuilder builder, Path out, Path log, CellSpec cell, String side, String label,
            double timeoutSeconds) throws IOException {
        Process process = builder.start();
        try {
            if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return CellResult.failed(side, label, cell, java.util.Map.of(), "no result within " + (long) timeoutSeconds
                        + " s (--cell-timeout); log " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the " + side + " cell " + cell.label(), e);
        }
        if (!Files.isRegularFile(out)) {
            return CellResult.failed(side, label, cell, java.util.Map.of(), "exit code " + process.exitValue() + ": "
                    + TorchSide.lastLine(log) + " (log " + log + ")");
        }
        return JSON.readValue(out.toFile(), CellResult.class);
    }

    /** Writes {@code value} as indented JSON to {@code file}. */
    static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }

    /** Reads a cell spec written by {@link #run}. */
    public static CellSpec readSpec(Path file) throws IOException {
        return JSON.readValue(file.toFile(), CellSpec.class);
    }

    /** Writes a child's result where the orchestrator reads it. */
    public static void writeResult(Path file, CellResult result) throws IOException {
        JSON.writeValue(file.toFile(), result);
    }
}
