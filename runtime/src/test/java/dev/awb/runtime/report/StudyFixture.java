package dev.awb.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small, fully known study to build reports from: trials with labels and their metric values. */
final class StudyFixture {
    /** A label that tries to inject script into every output format. */
    static final String EVIL = "<img src=x onerror=alert(1)>\"'&|*_`$\\{}%#~^";

    record Trial(String id, int index, long seed, Map<String, String> labels, String status, String error,
            List<MetricRow> rows) {
    }

    final String spec;
    final List<Trial> trials = new ArrayList<>();

    StudyFixture(String spec) {
        this.spec = spec;
    }

    /** Adds a finished trial with {@code labels} (axis, value, axis, value, ...) and returns it for its metrics. */
    Trial trial(long seed, String... labels) {
        return add(seed, "finished", null, labels);
    }

    Trial add(long seed, String status, String error, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        Trial t = new Trial(String.format("t%04d", trials.size() + 1), trials.size() + 1, seed, map, status, error,
                new ArrayList<>());
        trials.add(t);
        return t;
    }

    static void metric(Trial t, String split, String name, Integer epoch, double value) {
        t.rows().add(new MetricRow(t.id(), split, name, epoch, value));
    }

    StudyData data(String dir) {
        List<ReportTrial> reportTrials = trials.stream().map(t -> new ReportTrial(new TrialRecord(t.id(), t.index(),
                t.seed(), "{}", config(t), t.status(), t.error(), 1, null, null, null, null, null), t.labels(), t.status()))
                .toList();
        List<MetricRow> rows = trials.stream().flatMap(t -> t.rows().stream()).toList();
        return new StudyData(new StudyRecord("fixture/1", "fixture " + EVIL, "/x/" + EVIL + ".yaml", dir, spec,
                "abc123", "0.1.0", "2026-01-01T00:00:00Z"), reportTrials, rows, List.of());
    }

    /** A resolved configuration naming the trial's attention plugin and bundle, as the runtime records one. */
    private static String config(Trial t) {
        String attention = t.labels().get("attention");
        if (attention == null) {
            return "{}";
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("attention", Map.of(
                    "use", "attention/" + attention, "bundle", "dev.awb.attention-" + attention + "@0.1.0",
                    "with", Map.of())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes this study into {@code store} as study {@code id} through the store's public API. */
    void store(ResultsStore store, String id, String dir) throws JsonProcessingException {
        ObjectMapper json = new ObjectMapper();
        store.createStudy(new StudyRecord(id, "fixture " + EVIL, "/x/" + EVIL + ".yaml", dir, spec, "abc123", "0.1.0",
                "2026-01-01T00:00:00Z"));
        List<TrialRecord> planned = new ArrayList<>();
        for (Trial t : trials) {
            planned.add(TrialRecord.planned(t.id(), t.index(), t.seed(), json.writeValueAsString(t.labels()), config(t)));
        }
        store.registerTrials(id, planned);
        for (Trial t : trials) {
            store.claimTrial(id, t.id(), "test:1");
            if (!t.status().equals("finished")) {
                store.failTrial(id, t.id(), t.error());
                continue;
            }
            List<MetricRow> finals = new ArrayList<>();
            for (MetricRow m : t.rows()) {
                if (m.epoch() == null) {
                    finals.add(new MetricRow(t.id(), m.split(), m.name(), null, m.value()));
                } else {
                    store.recordMetric(id, t.id(), m.split(), m.name(), m.epoch(), m.value());
                }
            }
            store.finishTrial(id, t.id(), finals);
        }
    }

    /**
     * The ablation fixture: soft (baseline), linear (accuracy exactly 0.1 higher than soft with small noise) and
     * the malicious label (accuracy equal to soft ± noise), six seeds each, three epochs of train loss, cost
     * metrics and per-class scores, plus one failed trial.
     */
    static StudyFixture ablation() {
        StudyFixture f = new StudyFixture("{\"compare\":\"attention\",\"baseline\":\"soft\",\"metrics\":[\"test.accuracy\","
                + "\"test.loss\"],\"axes\":[\"attention\"],\"budget\":[],\"select\":null,\"select_mode\":\"max\"}");
        double[] base = {0.50, 0.52, 0.49, 0.51, 0.50, 0.53};
        double[] noise = {0.01, -0.01, 0.02, 0.0, -0.02, 0.01};
        String[] variants = {"soft", "linear", EVIL};
        for (int v = 0; v < variants.length; v++) {
            for (int s = 0; s < base.length; s++) {
                Trial t = f.trial(s + 1, "attention", variants[v]);
                double acc = base[s] + (v == 1 ? 0.1 + noise[s] / 2 : v == 2 ? noise[s] : 0);
                metric(t, "test", "accuracy", null, acc);
                metric(t, "test", "loss", null, 2 - acc);
                metric(t, "validation", "accuracy", null, acc - 0.01);
                for (int e = 1; e <= 3; e++) {
                    metric(t, "train", "loss", e, 2.0 / e + 0.01 * s + 0.1 * v);
                }
                metric(t, "cost", "train_tokens_per_s", null, 1000 * (v + 1) + s);
                metric(t, "cost", "inference_tokens_per_s", null, 3000 * (v + 1) + s);
                metric(t, "cost", "parameters", null, 10000 + 100 * v);
                metric(t, "cost", "peak_physical_bytes", null, 1e8 * (3 - v));
                metric(t, "cost", "wall_seconds", null, 10 + v + s * 0.1);
                for (String cls : List.of("0", "1")) {
                    metric(t, "test", "precision/" + cls, null, acc);
                    metric(t, "test", "recall/" + cls, null, acc - 0.05);
                    metric(t, "test", "f1/" + cls, null, acc - 0.02);
                }
            }
        }
        f.add(7, "failed", "java.lang.OutOfMemoryError: <b>boom</b>", "attention", "linear");
        return f;
    }
}
