package dev.awb.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.report.StudyReport;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark of report building: writes a synthetic study of many trials (variants × lengths × learning rates ×
 * seeds, per-epoch curves, final, per-class and cost metrics) into a fresh SQLite store, then times
 * {@code StudyReport.load(...).write(...)}.
 *
 * <p>Run: {@code java -cp 'runtime/target/dist/lib/*' dev.awb.runtime.bench.ReportBench [SCALE] [DIR]}: 4 variants ×
 * 4 lengths × 3 learning rates × (6 × SCALE) seeds; the default SCALE 4 gives 1,152 trials. Prints the time of
 * three report builds (the first includes JIT warm-up).
 */
public final class ReportBench {
    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("awb-report-bench");
        String[] variants = {"soft", "linear", "hard", "interactive"};
        int[] lengths = {64, 128, 256, 512};
        String[] lrs = {"0.01", "0.001", "0.0001"};
        int seeds = 6 * scale;
        Path storeFile = dir.resolve("bench.sqlite");
        Files.deleteIfExists(storeFile);
        long setup = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(1);
        try (ResultsStore store = ResultsStore.open(storeFile.toString())) {
            String spec = "{\"compare\":\"variant\",\"baseline\":\"soft\",\"metrics\":[\"test.accuracy\",\"test.loss\"],"
                    + "\"axes\":[\"variant\",\"data.with.length\",\"optimizer.with.lr\"],\"budget\":[\"optimizer.with.lr\"],"
                    + "\"select\":\"validation.accuracy\",\"select_mode\":\"max\"}";
            store.createStudy(new StudyRecord("bench", "bench", "bench.yaml", dir.toString(), spec, "bench", "bench",
                    "2026-01-01T00:00:00Z"));
            List<TrialRecord> trials = new ArrayList<>();
            int index = 0;
            for (String variant : variants) {
                for (int length : lengths) {
                    for (String lr : lrs) {
                        for (int seed = 1; seed <= seeds; seed++) {
                            String labels = json.writeValueAsString(Map.of("variant", variant, "data.with.length",
                                    Integer.toString(length), "optimizer.with.lr", lr));
                            trials.add(TrialRecord.planned("t" + (++index), index, seed, labels, "{}"));
                        }
                    }
                }
            }
            store.registerTrials("bench", trials);
            for (TrialRecord t : trials) {
                store.claimTrial("bench", t.id(), "bench:1");
                Map<String, String> labels = t.labelMap();
                int v = List.of(variants).indexOf(labels.get("variant"));
                double length = Double.parseDouble(labels.get("data.with.length"));
                double quality = 0.6 + 0.05 * v + 0.02 * random.nextGaussian();
                for (int epoch = 1; epoch <= 10; epoch++) {
                    store.recordMetric("bench", t.id(), "train", "loss", epoch, 2.0 / epoch + 0.05 * random.nextGaussian());
                    store.recordMetric("bench", t.id(), "validation", "accuracy", epoch, quality * (1 - 0.5 / epoch));
                }
                List<MetricRow> finals = new ArrayList<>();
                finals.add(new MetricRow(t.id(), "test", "accuracy", null, quality));
                finals.add(new MetricRow(t.id(), "test", "loss", null, 2 - quality));
                finals.add(new MetricRow(t.id(), "validation", "accuracy", null, quality + 0.01 * random.nextGaussian()));
                for (int c = 0; c < 4; c++) {
                    finals.add(new MetricRow(t.id(), "test", "precision/" + c, null, quality));
                    finals.add(new MetricRow(t.id(), "test", "recall/" + c, null, quality));
                    finals.add(new MetricRow(t.id(), "test", "f1/" + c, null, quality));
                }
                double exponent = v == 1 ? 1 : 2;
                finals.add(new MetricRow(t.id(), "cost", "train_tokens_per_s", null, 1e8 / Math.pow(length, exponent - 1) / 100));
                finals.add(new MetricRow(t.id(), "cost", "inference_tokens_per_s", null, 3e8 / Math.pow(length, exponent - 1) / 100));
                finals.add(new MetricRow(t.id(), "cost", "parameters", null, 100000 + 1000 * v));
                finals.add(new MetricRow(t.id(), "cost", "peak_physical_bytes", null, 1e3 * Math.pow(length, exponent)));
                finals.add(new MetricRow(t.id(), "cost", "wall_seconds", null, 10 + random.nextDouble()));
                store.finishTrial("bench", t.id(), finals);
            }
            System.out.printf(Locale.ROOT, "[setup] %d trials, store %s, %.1f s%n", trials.size(), storeFile,
                    (System.nanoTime() - setup) / 1e9);
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                Path html = StudyReport.load(store, "bench").write(dir.resolve("report-" + run));
                System.out.printf(Locale.ROOT, "[report] run %d: %.2f s  %s (%d kB)%n", run,
                        (System.nanoTime() - start) / 1e9, html, Files.size(html) / 1024);
            }
        }
    }
}
