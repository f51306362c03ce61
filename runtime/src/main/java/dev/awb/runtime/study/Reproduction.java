package dev.awb.runtime.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.AwbException;
import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.experiment.FrozenTrial;
import dev.awb.runtime.experiment.FrozenTrialUnavailable;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.PluginRegistry;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyTrial;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.train.Trainer;
import dev.awb.runtime.train.TrainingDiverged;
import dev.awb.runtime.train.TrainingObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A stored trial trained again, in this process, from the frozen configuration the store holds for it, and compared
 * with its stored final metrics ({@code awb reproduce}).
 *
 * <p>The trial is rebuilt with {@link FrozenTrial}: the same parameters and the exact plugin versions, whatever the
 * experiment file says today. Training on the CPU backend is deterministic for a given seed and thread count — float
 * sums depend on how OpenMP splits them — so a rerun should use the thread count the trial's provenance recorded
 * ({@link #recordedThreads()}; OpenMP reads it once per process, hence {@link #inChildProcess}) and quality
 * metrics then agree exactly; cost metrics (time, throughput, memory) are never expected to match. Nothing is
 * written to the store.
 */
public final class Reproduction {
    /** The environment variable that fixes OpenMP's thread count when the native library loads. */
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Metrics that measure the machine, not the model: compared for information only. */
    private static final Pattern COST = Pattern.compile(".*(per_s|seconds|bytes|memory).*");

    private final ResultsStore results;
    private final String studyId;
    private final TrialRecord stored;

    private Reproduction(ResultsStore results, String studyId, TrialRecord stored) {
        this.results = results;
        this.studyId = studyId;
        this.stored = stored;
    }

    /** Thrown for a trial that has no result to reproduce yet (exit code 2). */
    public static final class NothingToReproduce extends AwbException {
        private static final long serialVersionUID = 1L;

        NothingToReproduce(String message) {
            super(BAD_INPUT, message, null);
        }
    }

    /** Thrown when the child process of a rerun cannot be started (exit code 1). */
    public static final class RerunNotStarted extends AwbException {
        private static final long serialVersionUID = 1L;

        RerunNotStarted(String message, Throwable cause) {
            super(FAILURE, message, cause);
        }
    }

    /**
     * The reproduction of the one trial whose id starts with {@code prefix} (in {@code study} when not null).
     *
     * @throws dev.awb.runtime.store.TrialNotFound if none or several match
     * @throws NothingToReproduce if the trial is neither finished nor diverged
     */
    public static Reproduction of(ResultsStore results, String prefix, String study) {
        StudyTrial found = StoreLookup.trial(results, prefix, study);
        TrialRecord stored = found.trial();
        if (!stored.isDone()) {
            throw new NothingToReproduce("trial " + stored.id() + " of study " + found.studyId() + " is "
                    + stored.status() + ": there is no result to reproduce; run the study to finish it");
        }
        return new Reproduction(results, found.studyId(), stored);
    }

    public String studyId() {
        return studyId;
    }

    public TrialRecord stored() {
        return stored;
    }

    /** The OpenMP thread count the trial's last attempt ran with, from its provenance; null when unknown. */
    public Integer recordedThreads() {
        String provenance = results.provenance(studyId, stored.id()).orElse(null);
        if (provenance == null) {
            return null;
        }
        JsonNode recorded;
        try {
            recorded = JSON.readTree(provenance).path("nd4j").path("threads");
        } catch (IOException e) {
            return null;
        }
        for (String key : List.of(OMP_NUM_THREADS, "nd4j.maxThreads")) {
            if (recorded.path(key).asText("").matches("[1-9][0-9]*")) {
                return Integer.parseInt(recorded.path(key).asText());
            }
        }
        return null;
    }

    /**
     * The native build (ND4J's CPU natives: {@code avx512}, {@code generic}, ...) the trial's last attempt ran on,
     * from its provenance; null when unknown. Float results differ between builds in the last digits.
     */
    public String recordedNative() {
        String provenance = results.provenance(studyId, stored.id()).orElse(null);
        if (provenance == null) {
            return null;
        }
        try {
            return NativeVariant.recordedName(JSON.readTree(provenance).path("nd4j").path("threads")
                    .path(NativeVariant.PROPERTY).asText(""));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The trial as its frozen configuration defines it, bound to the plugins of {@code registry}.
     *
     * @throws FrozenTrialUnavailable naming the study and what is missing, when it cannot be rebuilt as it ran
     */
    public Trial rebuild(PluginRegistry registry) {
        try {
            return FrozenTrial.thaw(stored.index(), stored.labelMap(), stored.config(), stored.id(), registry);
        } catch (FrozenTrialUnavailable e) {
            throw new FrozenTrialUnavailable("study " + studyId + ", " + e.getMessage()
                    + "; it cannot be rebuilt as it ran");
        }
    }

    /**
     * One final metric, stored and reproduced.
     *
     * @param key {@code split.name}
     * @param stored the stored value, or null when the stored trial has none
     * @param reproduced the rerun's value, or null when the rerun gave none
     * @param cost whether it measures the machine (time, throughput, memory): shown, not compared
     * @param matches whether both exist and differ by at most the tolerance (or are the same NaN)
     */
    public record MetricComparison(String key, Double stored, Double reproduced, boolean cost, boolean matches) {
        /** {@code reproduced - stored}; NaN when either is missing. */
        public double difference() {
            return stored == null || reproduced == null ? Double.NaN : reproduced - stored;
        }
    }

    /**
     * How the rerun compares with the stored trial.
     *
     * @param stored the stored trial's status ({@code finished} or {@code diverged})
     * @param rerun the rerun's status
     * @param storedError the stored trial's error (for a diverged trial, where and how), or null
     * @param divergence the rerun's divergence message, or null when it finished
     * @param metrics every final metric either has, by key; empty when the rerun diverged
     */
    public record Outcome(TrialStatus stored, TrialStatus rerun, String storedError, String divergence,
            List<MetricComparison> metrics) {
        /** Quality metrics that differ beyond the tolerance. */
        public long differing() {
            return metrics.stream().filter(m -> !m.cost() && !m.matches()).count();
        }

        /** Quality metrics compared. */
        public long compared() {
            return metrics.stream().filter(m -> !m.cost()).count();
        }

        /** Whether both diverged with the same message (at the same step). */
        public boolean sameDivergence() {
            return stored == TrialStatus.DIVERGED && rerun == TrialStatus.DIVERGED && divergence.equals(storedError);
        }

        /** Whether the rerun reproduced the stored trial: same status, and the same divergence or metrics. */
        public boolean reproduced() {
            return stored == rerun && (rerun == TrialStatus.DIVERGED ? sameDivergence() : differing() == 0);
        }
    }

    /**
     * Trains {@code trial} (from {@link #rebuild}) in this process and compares its final metrics with the stored
     * ones; quality metrics match when they differ by at most {@code tolerance}.
     */
    public Outcome rerun(Trial trial, double tolerance) {
        Map<String, Double> before = new TreeMap<>();
        results.finalMetrics(studyId, stored.id()).forEach(m -> before.put(m.key(), m.value()));
        Map<String, Double> after = new TreeMap<>();
        TrialStatus storedStatus = stored.trialStatus();
        try {
            new Trainer().run(trial, collector(after));
        } catch (TrainingDiverged divergence) {
            return new Outcome(storedStatus, TrialStatus.DIVERGED, stored.error(), divergence.getMessage(), List.of());
        }
        TreeMap<String, Double> keys = new TreeMap<>(before);
        after.forEach(keys::putIfAbsent);
        List<MetricComparison> metrics = new ArrayList<>();
        for (String key : keys.keySet()) {
            Double a = before.get(key);
            Double b = after.get(key);
            boolean match = a != null && b != null && (Double.compare(a, b) == 0 || Math.abs(b - a) <= tolerance);
            metrics.add(new MetricComparison(key, a, b, COST.matcher(key).matches(), match));
        }
        return new Outcome(storedStatus, TrialStatus.FINISHED, stored.error(), null, metrics);
    }

    /**
     * Runs {@code command} (an {@code awb reproduce} of this trial in a child JVM) with {@code threads} OpenMP
     * threads (this process's when null), copying its standard output to {@code out} and its standard error to {@code err}.
     *
     * @return the child's exit code
     * @throws RerunNotStarted if the child cannot be started
     */
    public static int inChildProcess(List<String> command, Integer threads, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (threads != null) {
            builder.environment().put(OMP_NUM_THREADS, String.valueOf(threads));
        }
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
            throw new RerunNotStarted("cannot start the rerun: " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream from, PrintWriter to) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
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
}
