package dev.awb.runtime.report;

import dev.awb.runtime.experiment.StudySpec;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.StudyRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Everything the report reads about one study: its record and spec, its trials and every metric value as the store
 * keeps them ({@link StudyRecord}, {@link MetricRow}), the latter also as a tidy Tablesaw table (one row per trial ×
 * metric × epoch; label columns beside the trial columns).
 */
final class StudyData {
    private static final Set<String> FIXED = Set.of("trial", "trial_index", "seed", "status", "split", "metric",
            "epoch", "value");

    final StudyRecord info;
    final StudySpec spec;
    final List<ReportTrial> trials;
    final List<String> labelKeys;
    final Table results;
    /** Groups of equal labels that held several configurations and were split (see {@link Replicates}). */
    final List<String> replicateSplits;
    /** Final values: trial id → {@code split.name} → value. */
    final Map<String, Map<String, Double>> finals = new HashMap<>();
    /** Per-epoch values: trial id → {@code split.name} → epoch → value. */
    final Map<String, Map<String, Map<Integer, Double>>> curves = new HashMap<>();

    /**
     * @param study the study as stored; its spec is parsed once here
     * @param trials the trials of its current plan, as {@link Replicates} separated them
     * @param rows every metric value of the study
     * @param replicateSplits the label groups {@link Replicates} split
     */
    StudyData(StudyRecord study, List<ReportTrial> trials, List<MetricRow> rows, List<String> replicateSplits) {
        this.info = study;
        this.replicateSplits = List.copyOf(replicateSplits);
        this.spec = StudySpec.parse(study.spec());
        this.trials = List.copyOf(trials);
        Set<String> keys = new LinkedHashSet<>(spec.axes());
        trials.forEach(t -> keys.addAll(t.labels().keySet()));
        this.labelKeys = List.copyOf(keys);
        Map<String, ReportTrial> byId = new HashMap<>();
        trials.forEach(t -> byId.put(t.id(), t));
        this.results = tidy(rows, byId);
        for (MetricRow row : rows) {
            if (!byId.containsKey(row.trialId())) {
                continue;
            }
            if (row.epoch() == null) {
                finals.computeIfAbsent(row.trialId(), k -> new HashMap<>()).put(row.key(), row.value());
            } else {
                curves.computeIfAbsent(row.trialId(), k -> new HashMap<>())
                        .computeIfAbsent(row.key(), k -> new LinkedHashMap<>()).put(row.epoch(), row.value());
            }
        }
    }

    /** The final value of {@code metric} ({@code split.name}) of {@code trial}, or null. */
    Double finalValue(ReportTrial trial, String metric) {
        Map<String, Double> values = finals.get(trial.id());
        return values == null ? null : values.get(metric);
    }

    /** Every final metric key of finished trials with {@code split}, in first-seen order. */
    List<String> finalMetrics(String split) {
        Set<String> keys = new LinkedHashSet<>();
        for (ReportTrial trial : trials) {
            Map<String, Double> values = finals.get(trial.id());
            if (trial.finished() && values != null) {
                values.keySet().stream().filter(k -> k.startsWith(split + ".")).sorted().forEach(keys::add);
            }
        }
        return new ArrayList<>(keys);
    }

    /** Name of the results-table column for label {@code key} (prefixed when it would clash). */
    static String labelColumn(String key) {
        return FIXED.contains(key) ? "label." + key : key;
    }

    private Table tidy(List<MetricRow> rows, Map<String, ReportTrial> byId) {
        return ResultsTable.of("results", rows, labelKeys.stream().map(StudyData::labelColumn).toList(), id -> {
            ReportTrial t = byId.get(id);
            return t == null ? null : new ResultsTable.TrialColumns(t.id(), t.index(), t.seed(), t.status(),
                    labelKeys.stream().map(t::label).toList());
        });
    }
}
