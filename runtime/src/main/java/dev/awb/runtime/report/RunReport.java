package dev.awb.runtime.report;

import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The report of one study, built with Tablesaw from the store's rows: {@code results.csv} (tidy, one row per
 * trial, metric and epoch; an empty epoch is the final value) and {@code report.md} (final metrics per
 * group of sweep coordinates as mean, standard deviation and n over seeds; learning curves; provenance).
 */
public final class RunReport {
    private final StudyRecord run;
    private final List<TrialRecord> trials;
    private final Table results;

    public RunReport(StudyRecord run, List<TrialRecord> trials, List<MetricRow> rows) {
        this.run = run;
        this.trials = trials;
        this.results = tidy(trials, rows);
    }

    /** The tidy results table: trial, index, seed, group (sweep coordinates), metric, epoch, value. */
    public Table results() {
        return results;
    }

    private static String group(TrialRecord trial) {
        String coordinates = String.join(" ", trial.labelMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        return coordinates.isEmpty() ? "all" : coordinates;
    }

    private static Table tidy(List<TrialRecord> trials, List<MetricRow> rows) {
        java.util.Map<String, TrialRecord> byId = new java.util.HashMap<>();
        trials.forEach(t -> byId.put(t.id(), t));
        StringColumn trial = StringColumn.create("trial");
        IntColumn index = IntColumn.create("trial_index");
        LongColumn seed = LongColumn.create("seed");
        StringColumn attention = StringColumn.create("variant");
        StringColumn metric = StringColumn.create("metric");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn value = DoubleColumn.create("value");
        for (MetricRow row : rows) {
            TrialRecord owner = byId.get(row.trialId());
            trial.append(row.trialId());
            index.append(owner.index());
            seed.append(owner.seed());
            attention.append(group(owner));
            metric.append(row.split() + "." + row.name());
            if (row.epoch() == null) {
                epoch.appendMissing();
            } else {
                epoch.append(row.epoch());
            }
            value.append(row.value());
        }
        return Table.create("results", trial, index, seed, attention, metric, epoch, value);
    }

    /**
     * Final values summarised per attention variant and metric over seeds: mean, sample standard deviation
     * (empty below two seeds) and n.
     */
    public Table summary() {
        Table finals = results.where(results.intColumn("epoch").isMissing());
        Table summary = finals.summarize("value", AggregateFunctions.mean, AggregateFunctions.stdDev,
                AggregateFunctions.count).by("variant", "metric");
        DoubleColumn mean = summary.doubleColumn(2).setName("mean");
        DoubleColumn std = summary.doubleColumn(3).setName("std");
        IntColumn n = IntColumn.create("n", summary.doubleColumn(4).asDoubleArray().length);
        for (int row = 0; row < summary.rowCount(); row++) {
            n.set(row, (int) summary.doubleColumn(4).getDouble(row));
            if (n.getInt(row) < 2) {
                std.setMissing(row);
            }
        }
        return Table.create("summary", summary.stringColumn("variant"), summary.stringColumn("metric"), mean, std, n);
    }

    /** Per-epoch means over seeds, per attention variant and metric. */
    public Table curves() {
        Table perEpoch = results.where(results.intColumn("epoch").isNotMissing());
        Table curves = perEpoch.summarize("value", AggregateFunctions.mean).by("variant", "metric", "epoch")
                .sortAscendingOn("variant", "metric", "epoch");
        curves.doubleColumn(3).setName("mean");
        return curves;
    }

    /** Writes {@code results.csv} and {@code report.md} into {@code folder}; returns the report's path. */
    public Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            results.write().csv(folder.resolve("results.csv").toFile());
            Path report = folder.resolve("report.md");
            Files.writeString(report, markdown(), StandardCharsets.UTF_8);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + folder, e);
        }
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(Markdown.text(run.experiment())).append("\n\n");
        md.append("- study: `").append(Markdown.code(run.id())).append("`\n");
        md.append("- experiment file: `").append(Markdown.code(run.file())).append("`\n");
        md.append("- code revision: `").append(Markdown.code(run.revision())).append("`, awb ")
                .append(Markdown.text(run.awbVersion())).append("\n");
        long failed = trials.stream().filter(t -> !"finished".equals(t.status())).count();
        md.append("- trials: ").append(trials.size()).append(" (").append(failed).append(" not finished)\n\n");
        md.append("## Final metrics (mean, standard deviation and n over seeds)\n\n");
        md.append(Markdown.table(summary())).append('\n');
        md.append("## Learning curves (mean over seeds per epoch)\n\n");
        md.append(Markdown.table(curves())).append('\n');
        md.append("## Trials\n\n");
        md.append("| # | trial | seed | variant | status | error |\n|---|---|---|---|---|---|\n");
        for (TrialRecord trial : trials) {
            md.append("| ").append(trial.index()).append(" | `").append(Markdown.code(trial.id())).append("` | ")
                    .append(trial.seed()).append(" | ").append(Markdown.text(group(trial))).append(" | ")
                    .append(Markdown.text(trial.status())).append(" | ")
                    .append(Markdown.text(trial.error() == null ? "" : trial.error())).append(" |\n");
        }
        md.append("\n## Resolved configurations\n\n");
        for (TrialRecord trial : trials) {
            md.append("- `").append(Markdown.code(trial.id())).append("`: `").append(Markdown.code(trial.config()))
                    .append("`\n");
        }
        return md.toString();
    }
}
