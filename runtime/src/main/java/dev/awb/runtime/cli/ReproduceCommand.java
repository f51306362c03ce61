package dev.awb.runtime.cli;

import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.store.StoreLocation;
import dev.awb.runtime.study.Reproduction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code awb reproduce TRIAL}: trains a stored trial again from its frozen configuration and seed
 * ({@link Reproduction}) and prints every final metric stored vs reproduced. The rerun uses the thread count and
 * native build ({@code AWB_NATIVE}) the trial's provenance recorded, in a child process when this one has others;
 * when a plugin version the trial ran with is no longer installed the command says so instead of comparing unlike
 * runs.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Train a stored trial again (its frozen configuration, seed and plugin versions) in this process",
            "and compare its final metrics with the stored ones. Nothing is written to the store."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every quality metric matches within the tolerance", "1:the rerun failed",
            "2:unknown trial, or it can no longer be rebuilt (a plugin version it ran with is not installed)",
            "3:reproduced, but some quality metric differs beyond the tolerance"})
final class ReproduceCommand implements Callable<Integer> {
    /** Exit code: the rerun's quality metrics differ from the stored ones. */
    static final int DIFFERS = 3;

    @Parameters(paramLabel = "TRIAL", description = "The trial id, or a unique prefix of it (see 'awb studies STUDY').")
    String trialId;

    @Option(names = "--study", paramLabel = "STUDY", description = "The study (default: whichever has the trial).")
    String studyId;

    @Mixin
    StoreOption store;

    @Option(names = "--tolerance", paramLabel = "ABS", defaultValue = "0",
            description = "Largest absolute difference of a quality metric counted as a match (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--threads", paramLabel = "N",
            description = "OpenMP threads of the rerun (default: those the trial ran with, from its provenance):"
                    + " float sums depend on the thread count, so bit-for-bit reproduction needs the same.")
    Integer threads;

    /** Set on the child process that does the rerun with the wanted thread count. */
    @Option(names = "--in-process", hidden = true)
    boolean inProcess;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(tolerance >= 0)) {
            err.println("error: --tolerance must be a non-negative number, found " + tolerance);
            return ExitCodes.BAD_INPUT;
        }
        try (ResultsStore results = store.open()) {
            Reproduction reproduction = Reproduction.of(results, trialId, studyId);
            Integer wanted = threads != null ? threads : reproduction.recordedThreads();
            if (wanted != null && wanted < 1) {
                err.println("error: --threads must be at least 1, found " + wanted);
                return ExitCodes.BAD_INPUT;
            }
            String current = System.getenv(Reproduction.OMP_NUM_THREADS);
            boolean otherThreads = wanted != null && !String.valueOf(wanted).equals(current);
            String nativeBuild = inProcess ? null : nativeToRerun(reproduction.recordedNative(), err);
            if (!inProcess && (otherThreads || nativeBuild != null)) {
                // OpenMP reads its thread count once, when the native library loads, and the native build is fixed
                // by the class path: rerun in a process that has both as the trial had them.
                if (otherThreads) {
                    err.printf("[reproduce] rerunning with %s=%d, as the trial ran (this process: %s)%n",
                            Reproduction.OMP_NUM_THREADS, wanted, current == null ? "unset" : current);
                }
                List<String> command = Awb.processCommand(childArguments(reproduction, wanted));
                if (nativeBuild != null) {
                    err.printf("[reproduce] rerunning on native build %s, as the trial ran (this process: %s)%n",
                            nativeBuild, NativeVariant.current().name());
                    command = NativeVariant.command(command, nativeBuild, "awb reproduce (the trial's provenance)");
                }
                return Reproduction.inChildProcess(command, wanted, out, err);
            }
            Trial trial;
            try (OsgiHost osgi = host.start(err)) {
                trial = reproduction.rebuild(osgi.plugins());
            }
            err.printf("[reproduce] study %s, trial %s (%s), from its frozen configuration%n", reproduction.studyId(),
                    trial.id(), trial.label());
            return print(reproduction.rerun(trial, tolerance), out, err);
        }
    }

    /**
     * The native build to rerun on when the trial's provenance records {@code recorded}, another than this
     * process's; null when it is the same, unrecorded, or cannot be had here (not shipped in this distribution, or
     * this CPU lacks its instructions; said on {@code err}).
     */
    private static String nativeToRerun(String recorded, PrintWriter err) {
        String current = NativeVariant.current().name();
        if (recorded == null || recorded.equals(current)) {
            return null;
        }
        Path dist = Path.of(System.getProperty("awb.dist", "."));
        if (!NativeVariant.available(dist).contains(recorded)) {
            err.printf("[reproduce] the trial ran on native build %s, which this distribution does not ship (%s):"
                    + " rerunning on %s, whose float results may differ in the last digits%n", recorded,
                    NativeVariant.available(dist), current);
            return null;
        }
        if (!NativeVariant.supportedHere(recorded)) {
            err.printf("[reproduce] the trial ran on native build %s, which this CPU cannot run: rerunning on %s,"
                    + " whose float results may differ in the last digits%n", recorded, current);
            return null;
        }
        return recorded;
    }

    /** This command's arguments for the child process that reruns with {@code threads} OpenMP threads (or as is). */
    private List<String> childArguments(Reproduction reproduction, Integer threads) {
        List<String> arguments = new java.util.ArrayList<>(List.of("reproduce", reproduction.stored().id(), "--study",
                reproduction.studyId(), "--store", StoreLocation.of(store.location).forWorkers(),
                "--tolerance", String.valueOf(tolerance), "--plugins", host.plugins.toAbsolutePath().toString(),
                "--in-process"));
        if (threads != null) {
            arguments.addAll(List.of("--threads", String.valueOf(threads)));
        }
        return arguments;
    }

    /** Prints how the rerun compares; the exit code says whether it reproduced the stored trial. */
    private int print(Reproduction.Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome.divergence() != null) {
            err.println("[reproduce] " + outcome.divergence());
        }
        if (outcome.stored() == TrialStatus.DIVERGED && outcome.rerun() == TrialStatus.DIVERGED) {
            if (!outcome.sameDivergence()) {
                err.println("[reproduce] but the stored trial " + outcome.storedError());
                return DIFFERS;
            }
            err.println("[reproduce] the stored trial diverged at the same step: reproduced");
            return ExitCodes.OK;
        }
        if (outcome.stored() != outcome.rerun()) {
            err.println("[reproduce] the stored trial " + outcome.stored() + ", the rerun " + outcome.rerun());
            return DIFFERS;
        }
        out.printf("%-44s %16s %16s %12s  %s%n", "metric", "stored", "reproduced", "difference", "");
        for (Reproduction.MetricComparison m : outcome.metrics()) {
            double diff = m.difference();
            String verdict = m.cost() ? "cost (not compared)" : m.matches() ? "same" : "DIFFERS";
            out.printf(Locale.ROOT, "%-44s %16s %16s %12s  %s%n", m.key(), show(m.stored()), show(m.reproduced()),
                    Double.isNaN(diff) ? "-" : diff == 0 ? "0" : String.format(Locale.ROOT, "%.3g", diff), verdict);
        }
        out.flush();
        if (outcome.differing() > 0) {
            err.printf("[reproduce] %d of %d quality metric(s) differ beyond %s%n", outcome.differing(),
                    outcome.compared(), tolerance);
            return DIFFERS;
        }
        err.printf("[reproduce] all %d quality metric(s) reproduced%s%n", outcome.compared(),
                tolerance == 0 ? " exactly" : " within " + tolerance);
        return ExitCodes.OK;
    }

    private static String show(Double value) {
        return value == null ? "(none)" : String.format(Locale.ROOT, "%.6g", value);
    }
}
