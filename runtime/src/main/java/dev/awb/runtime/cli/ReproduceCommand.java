package dev.awb.runtime.cli;

import dev.awb.runtime.experiment.FrozenTrial;
import dev.awb.runtime.experiment.FrozenTrialUnavailable;
import dev.awb.runtime.store.TrialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLocation;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.StudyTrial;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.train.Trainer;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code awb reproduce TRIAL}: trains a stored trial again from its frozen configuration and seed, in this
 * process, and compares every final metric with the stored one.
 *
 * <p>The trial is rebuilt from the resolved configuration the store froze when it was planned
 * ({@link FrozenTrial}): the same parameters and the exact plugin versions, whatever the experiment file says
 * today. When such a plugin version is no longer installed the command says so instead of comparing unlike
 * runs. Training on the CPU backend is deterministic for a
 * given seed and thread count — float sums depend on how OpenMP splits them — so the rerun uses the thread
 * count the trial's provenance recorded (in a child process when this one has another) and quality metrics
 * should agree exactly; cost metrics (time, throughput, memory) are shown but never expected to match.
 * Nothing is written to the store.
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    /** Metrics that measure the machine, not the model: compared for information only. */
    private static final Pattern COST = Pattern.compile(".*(per_s|seconds|bytes|memory).*");

    @Parameters(paramLabel = "TRIAL", description = "The trial id, or a unique prefix of it (see 'awb runs').")
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
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(tolerance >= 0)) {
            err.println("error: --tolerance must be a non-negative number, found " + tolerance);
            return ExitCodes.BAD_INPUT;
        }
        try (ResultsStore results = store.open()) {
            StudyTrial found;
            try {
                found = ShowCommand.find(results, trialId, studyId);
            } catch (ShowCommand.TrialNotFound e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            StudyRecord study = results.study(found.studyId()).orElseThrow();
            TrialRecord stored = found.trial();
            if (!stored.isDone()) {
                err.println("error: trial " + stored.id() + " of study " + study.id() + " is " + stored.status()
                        + ": there is no result to reproduce; run the study to finish it");
                return ExitCodes.BAD_INPUT;
            }
            Integer wanted = threads != null ? threads : recordedThreads(results, study.id(), stored.id());
            if (wanted != null && wanted < 1) {
                err.println("error: --threads must be at least 1, found " + wanted);
                return ExitCodes.BAD_INPUT;
            }
            if (!inProcess && wanted != null && !String.valueOf(wanted).equals(System.getenv(OMP_NUM_THREADS))) {
                // OpenMP reads its thread count once, when the native library loads: rerun in a process that has it.
                err.printf("[reproduce] rerunning with %s=%d, as the trial ran (this process: %s)%n", OMP_NUM_THREADS,
                        wanted, System.getenv(OMP_NUM_THREADS) == null ? "unset" : System.getenv(OMP_NUM_THREADS));
                return rerunWith(wanted, study.id(), stored.id(), out, err);
            }
            Trial trial = rebuild(study, stored, err);
            if (trial == null) {
                return ExitCodes.BAD_INPUT;
            }
            err.printf("[reproduce] study %s, trial %s (%s), from its frozen configuration%n", study.id(), trial.id(),
                    trial.label());
            Map<String, Double> before = new TreeMap<>();
            results.finalMetrics(study.id(), stored.id())
                    .forEach(m -> before.put(m.split() + "." + m.name(), m.value()));
            Map<String, Double> after = new TreeMap<>();
            String outcome;
            try {
                new Trainer().run(trial, collector(after));
                outcome = TrialStatus.FINISHED.text();
            } catch (TrainingDiverged divergence) {
                outcome = TrialStatus.DIVERGED.text();
                after.clear();
                err.println("[reproduce] " + divergence.getMessage());
                if (TrialStatus.DIVERGED.is(stored.status())) {
                    if (!divergence.getMessage().equals(stored.error())) {
                        err.println("[reproduce] but the stored trial " + stored.error());
                        return DIFFERS;
                    }
                    err.println("[reproduce] the stored trial diverged at the same step: reproduced");
                    return ExitCodes.OK;
                }
            }
            if (!outcome.equals(stored.status())) {
                err.println("[reproduce] the stored trial " + stored.status() + ", the rerun " + outcome);
                return DIFFERS;
            }
            return compare(before, after, out, err);
        }
    }

    /** The OpenMP thread count the trial's last attempt ran with, from its provenance; null when unknown. */
    private static Integer recordedThreads(ResultsStore results, String studyId, String trialId) throws IOException {
        Optional<String> provenance = results.provenance(studyId, trialId);
        if (provenance.isEmpty()) {
            return null;
        }
        JsonNode recorded = JSON.readTree(provenance.get()).path("nd4j").path("threads");
        for (String key : List.of(OMP_NUM_THREADS, "nd4j.maxThreads")) {
            if (recorded.path(key).asText("").matches("[1-9][0-9]*")) {
                return Integer.parseInt(recorded.path(key).asText());
            }
        }
        return null;
    }

    /** Runs this command again in a child JVM whose OpenMP has {@code wanted} threads; its output goes to ours. */
    private int rerunWith(int wanted, String study, String trial, PrintWriter out, PrintWriter err) {
        List<String> arguments = new ArrayList<>(List.of("reproduce", trial, "--study", study, "--store",
                StoreLocation.of(store.location).forWorkers(),
                "--tolerance", String.valueOf(tolerance), "--threads", String.valueOf(wanted), "--plugins",
                host.plugins.toAbsolutePath().toString(), "--in-process"));
        ProcessBuilder builder = new ProcessBuilder(Awb.processCommand(arguments));
        builder.environment().put(OMP_NUM_THREADS, String.valueOf(wanted));
        try {
            Process child = builder.start();
            child.getOutputStream().close();
            Thread errors = new Thread(() -> copy(child.getErrorStream(), err), "reproduce-stderr");
            errors.start();
            copy(child.getInputStream(), out);
            int code = child.waitFor();
            errors.join();
            return code;
        } catch (IOException e) {
            err.println("error: cannot start the rerun: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
    }

    private static void copy(java.io.InputStream from, PrintWriter to) {
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(from,
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (to) {
                    to.println(line);
                    to.flush();
                }
            }
        } catch (IOException e) {
            to.println("(output of the rerun lost: " + e.getMessage() + ")");
        }
    }

    /** The trial as its frozen configuration defines it, or null (with the reason on err). */
    private Trial rebuild(StudyRecord study, TrialRecord stored, PrintWriter err) {
        try (OsgiHost osgi = host.start(err)) {
            return FrozenTrial.thaw(stored.index(), stored.labelMap(), stored.config(), stored.id(),
                    osgi.plugins());
        } catch (FrozenTrialUnavailable e) {
            err.println("error: study " + study.id() + ", " + e.getMessage() + "; it cannot be rebuilt as it ran");
            return null;
        }
    }

    private static TrainingObserver collector(Map<String, Double> values) {
        return new TrainingObserver() {
            @Override
            public void step(int epoch, int epochs, int batch, int batches, double meanLoss, double tokensPerSecond) {
            }

            @Override
            public void metric(String split, String name, Integer epoch, double value) {
                if (epoch == null) {
                    values.put(split + "." + name, value);
                }
            }
        };
    }

    /** Prints the comparison table; the exit code says whether every quality metric matched. */
    private int compare(Map<String, Double> before, Map<String, Double> after, PrintWriter out, PrintWriter err) {
        TreeMap<String, Double> names = new TreeMap<>(before);
        after.forEach(names::putIfAbsent);
        out.printf("%-44s %16s %16s %12s  %s%n", "metric", "stored", "reproduced", "difference", "");
        int differing = 0;
        int compared = 0;
        for (String name : names.keySet()) {
            Double a = before.get(name);
            Double b = after.get(name);
            boolean cost = COST.matcher(name).matches();
            double diff = a == null || b == null ? Double.NaN : b - a;
            boolean match = a != null && b != null && (Double.compare(a, b) == 0 || Math.abs(diff) <= tolerance);
            String verdict = cost ? "cost (not compared)" : match ? "same" : "DIFFERS";
            if (!cost) {
                compared++;
                if (!match) {
                    differing++;
                }
            }
            out.printf(Locale.ROOT, "%-44s %16s %16s %12s  %s%n", name, show(a), show(b),
                    Double.isNaN(diff) ? "-" : diff == 0 ? "0" : String.format(Locale.ROOT, "%.3g", diff), verdict);
        }
        out.flush();
        if (differing > 0) {
            err.printf("[reproduce] %d of %d quality metric(s) differ beyond %s%n", differing, compared, tolerance);
            return DIFFERS;
        }
        err.printf("[reproduce] all %d quality metric(s) reproduced%s%n", compared,
                tolerance == 0 ? " exactly" : " within " + tolerance);
        return ExitCodes.OK;
    }

    private static String show(Double value) {
        return value == null ? "(none)" : String.format(Locale.ROOT, "%.6g", value);
    }
}
