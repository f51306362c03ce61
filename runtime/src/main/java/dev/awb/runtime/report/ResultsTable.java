package dev.awb.runtime.report;

import dev.awb.runtime.store.MetricRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tidy results table behind the report's {@code results.csv} and the workbench's metrics table: one row per stored
 * metric value with its trial's id, index, seed, status and labels, then split, metric, epoch (missing for final
 * values) and value.
 */
public final class ResultsTable {
    /** What a row repeats of its trial; {@code labels} in the order of the table's label columns. */
    public record TrialColumns(String id, int index, long seed, String status, List<String> labels) {
    }

    private ResultsTable() {
    }

    /**
     * The table {@code name} of {@code rows}; {@code trialOf} gives each row's trial (asked once per trial id), or
     * null to leave the row out (a trial not in the current plan).
     */
    public static Table of(String name, List<MetricRow> rows, List<String> labelColumns,
            Function<String, TrialColumns> trialOf) {
        StringColumn trial = StringColumn.create("trial");
        IntColumn index = IntColumn.create("trial_index");
        LongColumn seed = LongColumn.create("seed");
        StringColumn status = StringColumn.create("status");
        List<StringColumn> labels = labelColumns.stream().map(StringColumn::create).toList();
        StringColumn split = StringColumn.create("split");
        StringColumn metric = StringColumn.create("metric");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn value = DoubleColumn.create("value");
        Map<String, TrialColumns> trials = new HashMap<>();
        for (MetricRow row : rows) {
            TrialColumns t = trials.computeIfAbsent(row.trialId(), trialOf);
            if (t == null) {
                continue;
            }
            trial.append(t.id());
            index.append(t.index());
            seed.append(t.seed());
            status.append(t.status());
            for (int i = 0; i < labels.size(); i++) {
                labels.get(i).append(t.labels().get(i));
            }
            split.append(row.split());
            metric.append(row.name());
            if (row.epoch() == null) {
                epoch.appendMissing();
            } else {
                epoch.append(row.epoch());
            }
            value.append(row.value());
        }
        Table table = Table.create(name, trial, index, seed, status);
        labels.forEach(table::addColumns);
        return table.addColumns(split, metric, epoch, value);
    }
}
