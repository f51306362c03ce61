package dev.awb.runtime.ui;

import dev.awb.api.metric.Direction;
import dev.awb.runtime.experiment.StudySpec;
import dev.awb.runtime.report.ResultsTable;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.ui.spi.StudyTables;
import dev.awb.runtime.ui.spi.UnknownResource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A study of the results store as Tablesaw tables ({@link StudyTables}), and the table of all studies: what the
 * workbench's views receive, and the API for a researcher's own Java code or JShell:
 *
 * <pre>{@code
 * jshell --class-path "runtime/target/dist/lib/*"
 * var store = dev.awb.runtime.store.ResultsStore.open("runs/awb.sqlite");
 * var study = dev.awb.runtime.ui.StudyResults.read(store, "quickstart");
 * study.trials().print();
 * study.metrics().where(study.metrics().stringColumn("metric").isEqualTo("loss")).print();
 * dev.awb.runtime.ui.StudyResults.studies(store).print();
 * }</pre>
 */
public final class StudyResults implements StudyTables {
    /** Column names of the tables; an axis with one of these names gets the prefix {@code label.}. */
    private static final Set<String> FIXED = Set.of("trial", "trial_index", "seed", "status", "attempts", "error",
            "started", "split", "metric", "epoch", "epochs", "value", "loss");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String TRAIN_LOSS = "train.loss";

    private final StudyRecord record;
    private final StudySpec spec;
    private final List<String> axes;
    private final Table trials;
    private final java.util.function.Supplier<List<MetricRow>> rows;
    private final Map<String, Integer> order = new HashMap<>();
    private Table metrics;
    private String mainMetric;

    private StudyResults(StudyRecord record, List<TrialRecord> trialRecords, List<MetricRow> lastLosses,
            java.util.function.Supplier<List<MetricRow>> rows) {
        this.rows = rows;
        this.record = record;
        this.spec = StudySpec.parse(record.spec());
        Set<String> keys = new LinkedHashSet<>(spec.axes());
        List<Map<String, String>> labels = trialRecords.stream().map(StudyResults::labels).toList();
        labels.forEach(l -> keys.addAll(l.keySet()));
        this.axes = List.copyOf(keys);
        Instant now = Instant.now();
        StringColumn trial = StringColumn.create("trial");
        IntColumn index = IntColumn.create("trial_index");
        LongColumn seed = LongColumn.create("seed");
        StringColumn status = StringColumn.create("status");
        IntColumn attempts = IntColumn.create("attempts");
        StringColumn error = StringColumn.create("error");
        StringColumn started = StringColumn.create("started");
        IntColumn epochs = IntColumn.create("epochs");
        List<StringColumn> labelColumns = axes.stream().map(a -> StringColumn.create(labelColumn(a))).toList();
        for (int i = 0; i < trialRecords.size(); i++) {
            TrialRecord t = trialRecords.get(i);
            order.put(t.id(), i);
            trial.append(t.id());
            index.append(t.index());
            seed.append(t.seed());
            status.append(t.statusAt(now));
            attempts.append(t.attempts());
            error.append(t.error() == null ? "" : t.error());
            started.append(t.started() == null ? "" : t.started());
            Integer planned = plannedEpochs(t.config());
            if (planned == null) {
                epochs.appendMissing();
            } else {
                epochs.append(planned);
            }
            for (int a = 0; a < axes.size(); a++) {
                labelColumns.get(a).append(labels.get(i).getOrDefault(axes.get(a), ""));
            }
        }
        IntColumn epoch = IntColumn.create("epoch", trialRecords.size());
        DoubleColumn loss = DoubleColumn.create("loss", trialRecords.size());
        for (MetricRow row : lastLosses) {
            int at = order.getOrDefault(row.trialId(), -1);
            if (at < 0) {
                continue;
            }
            if (row.epoch() != null && TRAIN_LOSS.equals(row.split() + "." + row.name())
                    && (epoch.isMissing(at) || row.epoch() >= epoch.getInt(at))) {
                epoch.set(at, row.epoch().intValue());
                loss.set(at, row.value());
            }
        }
        this.trials = Table.create("trials", trial, index, seed, status, attempts, error, started);
        labelColumns.forEach(this.trials::addColumns);
        this.trials.addColumns(epoch, epochs, loss);
    }

    /**
     * Reads study {@code studyId} from {@code store}: its record and trials now, every metric value when
     * {@link #metrics()} is first asked for (so keep the store open until then).
     *
     * @throws UnknownResource if the store has no such study
     */
    public static StudyResults read(ResultsStore store, String studyId) {
        return read(store, studyId, reader -> reader.apply(store));
    }

    /**
     * {@link #read(ResultsStore, String)} where every use of the store goes through {@code access} (which, for a
     * store shared between threads, holds its lock).
     */
    static StudyResults read(ResultsStore store, String studyId,
            java.util.function.Function<java.util.function.Function<ResultsStore, List<MetricRow>>, List<MetricRow>> access) {
        StudyRecord record = store.study(studyId).orElseThrow(() -> new UnknownResource("no study [" + studyId
                + "] in the results store " + ResultsStore.redacted(store.url()), "/studies", "all studies"));
        return new StudyResults(record, store.trials(studyId), store.lastEpochValues(studyId, "train", "loss"),
                () -> access.apply(s -> s.metrics(studyId)));
    }

    /** Every study of {@code store}, newest first, as described by {@link dev.awb.runtime.ui.spi.Results#studies()}. */
    public static Table studies(ResultsStore store) {
        StringColumn id = StringColumn.create("study");
        StringColumn experiment = StringColumn.create("experiment");
        StringColumn created = StringColumn.create("created");
        IntColumn total = IntColumn.create("trials");
        List<IntColumn> counts = new ArrayList<>();
        for (TrialStatus s : TrialStatus.values()) {
            counts.add(IntColumn.create(s.text()));
        }
        StringColumn main = StringColumn.create("main_metric");
        DoubleColumn best = DoubleColumn.create("best");
        List<StudyRecord> studies = new ArrayList<>(store.studies());
        studies.sort((a, b) -> b.created().compareTo(a.created()));
        for (StudyRecord study : studies) {
            id.append(study.id());
            experiment.append(study.experiment());
            created.append(study.created());
            Map<String, Integer> byStatus = store.statusCounts(study.id());
            total.append(byStatus.values().stream().mapToInt(Integer::intValue).sum());
            for (int i = 0; i < counts.size(); i++) {
                counts.get(i).append(byStatus.getOrDefault(TrialStatus.values()[i].text(), 0));
            }
            StudySpec spec = StudySpec.parse(study.spec());
            List<MetricRow> finals = store.finalMetrics(study.id());
            String metric = mainMetric(spec, finals);
            main.append(metric == null ? "" : metric);
            Double value = metric == null ? null : best(store, study.id(), finals, metric, spec.direction(metric));
            if (value == null) {
                best.appendMissing();
            } else {
                best.append(value);
            }
        }
        Table table = Table.create("studies", id, experiment, created, total);
        counts.forEach(table::addColumns);
        return table.addColumns(main, best);
    }

    /** The best final value of {@code metric} among the finished trials of the study's current plan, or null. */
    private static Double best(ResultsStore store, String studyId, List<MetricRow> finals, String metric,
            Direction direction) {
        Set<String> finished = new java.util.HashSet<>();
        store.trials(studyId).stream().filter(TrialRecord::isFinished).forEach(t -> finished.add(t.id()));
        Double best = null;
        for (MetricRow row : finals) {
            if (finished.contains(row.trialId()) && (row.split() + "." + row.name()).equals(metric)
                    && !Double.isNaN(row.value()) && (best == null || direction.better(row.value(), best))) {
                best = row.value();
            }
        }
        return best;
    }

    /** The metric a study is judged by: {@link StudySpec#mainMetric} of its final metric keys (as {@code awb studies}). */
    static String mainMetric(StudySpec spec, List<MetricRow> rows) {
        return spec.mainMetric(rows.stream().filter(m -> m.epoch() == null).map(MetricRow::key).toList());
    }

    /** The trainer's {@code epochs} in a trial's resolved configuration, or null when it has none. */
    private static Integer plannedEpochs(String config) {
        try {
            var node = config == null ? null : JSON.readTree(config).path("trainer").path("epochs");
            return node != null && node.canConvertToInt() ? node.intValue() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** The name of the column of axis {@code axis} in both tables. */
    public static String labelColumn(String axis) {
        return FIXED.contains(axis) ? "label." + axis : axis;
    }

    private static Map<String, String> labels(TrialRecord t) {
        return t.labels() == null || t.labels().isBlank() ? Map.of() : t.labelMap();
    }

    private static Table tidy(List<MetricRow> rows, StringColumn trials, IntColumn indexes, LongColumn seeds,
            StringColumn statuses, List<StringColumn> labels, Map<String, Integer> order) {
        return ResultsTable.of("metrics", rows, labels.stream().map(StringColumn::name).toList(), id -> {
            Integer at = order.get(id);
            return at == null ? null : new ResultsTable.TrialColumns(trials.get(at), indexes.getInt(at),
                    seeds.getLong(at), statuses.get(at), labels.stream().map(c -> c.get(at)).toList());
        });
    }

    @Override
    public String id() {
        return record.id();
    }

    @Override
    public String experiment() {
        return record.experiment();
    }

    @Override
    public String created() {
        return record.created();
    }

    @Override
    public Path directory() {
        return Path.of(record.dir());
    }

    @Override
    public String compare() {
        return spec.compare();
    }

    @Override
    public List<String> axes() {
        return axes;
    }

    @Override
    public synchronized String mainMetric() {
        if (mainMetric == null) {
            mainMetric = spec.metrics().isEmpty() ? mainMetric(spec, rowsOf(metrics())) : spec.metrics().get(0);
        }
        return mainMetric;
    }

    private static List<MetricRow> rowsOf(Table metrics) {
        List<MetricRow> finals = new ArrayList<>();
        for (int i = 0; i < metrics.rowCount(); i++) {
            if (metrics.intColumn("epoch").isMissing(i)) {
                finals.add(new MetricRow(metrics.stringColumn("trial").get(i), metrics.stringColumn("split").get(i),
                        metrics.stringColumn("metric").get(i), null, metrics.doubleColumn("value").getDouble(i)));
            }
        }
        return finals;
    }

    @Override
    public Table trials() {
        return trials;
    }

    @Override
    public synchronized Table metrics() {
        if (metrics == null) {
            List<StringColumn> labels = axes.stream().map(a -> trials.stringColumn(labelColumn(a))).toList();
            metrics = tidy(rows.get(), trials.stringColumn("trial"), trials.intColumn("trial_index"),
                    trials.longColumn("seed"), trials.stringColumn("status"), labels, order);
        }
        return metrics;
    }

    /** The study's spec (compare axis, baseline, metrics, directions), for the built-in views. */
    StudySpec spec() {
        return spec;
    }
}
