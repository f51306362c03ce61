package dev.awb.runtime.cli;

import dev.awb.runtime.check.PluginCheck;
import dev.awb.runtime.launch.OsgiHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code awb plugin check JAR}: the jar installed into a fresh runtime, checked step by step. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Install a plugin jar into a runtime with the distribution's bundles, explain in plain words "
            + "why it does not resolve, start or register, check its parameters, run its kind's contract tests "
            + "from the test kit, and print a pass/fail table.",
            "The plugins folder is not used: the jar is checked on its own against the distribution."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (the table says which and why)",
            "2:bad options"})
final class PluginCheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JAR", description = "The plugin bundle to check.")
    Path jar;

    @Option(names = {"-w", "--with"}, paramLabel = "NAME=VALUE",
            description = "A parameter value for the contract tests instead of the plugin's default.")
    Map<String, String> with = new LinkedHashMap<>();

    @Option(names = "--relaxation", paramLabel = "NAME=VALUE",
            description = "For a mechanism whose forward pass is piecewise constant (hard attention): the parameter "
                    + "values of its differentiable relaxation. Runs the piecewise-constant contract, whose gradient "
                    + "check uses these values.")
    Map<String, String> relaxation = new LinkedHashMap<>();

    @Option(names = "--signal-length", paramLabel = "N", defaultValue = "0",
            description = "Wire an interaction signal of N positions to attention plugins that need one (default: none).")
    int signalLength;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path empty = emptyPluginsFolder();
        try (OsgiHost osgi = OsgiHost.start(new OsgiHost.Options(HostOptions.distribution().resolve("bundles"), empty))) {
            int before = osgi.plugins().all().size();
            List<PluginCheck.Row> rows = PluginCheck.run(osgi, jar,
                    new PluginCheck.Options(with, relaxation, signalLength));
            print(out, rows);
            int after = osgi.plugins().all().size();
            boolean passed = PluginCheck.passed(rows);
            long failed = rows.stream().filter(r -> !r.passed()).count();
            out.println();
            long notRun = rows.stream().filter(r -> r.result() == PluginCheck.Result.NOT_RUN).count();
            out.println(passed ? "PASSED: " + jar.getFileName() + " (" + (rows.size() - notRun) + " checks passed"
                    + (notRun > 0 ? ", " + notRun + " not run" : "") + ")"
                    : "FAILED: " + jar.getFileName() + " (" + failed + " of " + rows.size() + " checks failed)");
            if (!passed) {
                err.println("error: " + jar.getFileName() + " is not a usable plugin; the runtime runs on without it ("
                        + after + " of " + before + " distributed plugins available)");
            }
            return passed ? ExitCodes.OK : ExitCodes.FAILURE;
        } finally {
            delete(empty);
        }
    }

    private static void print(PrintWriter out, List<PluginCheck.Row> rows) {
        int width = Math.min(90, rows.stream().mapToInt(r -> r.check().length()).max().orElse(10));
        out.printf("%-" + width + "s  %-7s  %8s  %s%n", "check", "result", "time", "detail");
        out.println("-".repeat(width) + "  -------  --------  ------");
        for (PluginCheck.Row row : rows) {
            String time = row.millis() > 0 ? String.format("%.2f s", row.millis() / 1000.0) : "";
            out.printf("%-" + width + "s  %-7s  %8s  %s%n", row.check(), row.result().label(), time,
                    row.detail());
        }
    }

    private static Path emptyPluginsFolder() {
        try {
            return Files.createTempDirectory("awb-check-plugins-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
