package dev.awb.runtime.ui;

import dev.awb.runtime.report.chart.LineChart;
import dev.awb.runtime.report.stats.Summary;
import dev.awb.runtime.ui.spi.StudyTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.table.TableSlice;

/**
 * Learning curves of a study while it runs: for every metric recorded per epoch, one line per compared value
 * (the mean over the seeds that reached the epoch) with its 95% t band ({@link Summary}, the report's own
 * statistic), drawn with the report's {@link LineChart}. Unlike the report's curves, running trials count.
 */
final class LearningCurves {
    private LearningCurves() {
    }

    /** The curves as inline SVG figures, or a sentence saying there is nothing yet. */
    static String html(StudyTables study) {
        Table metrics = study.metrics();
        Table perEpoch = metrics.where(metrics.intColumn("epoch").isNotMissing());
        if (perEpoch.rowCount() == 0) {
            return "<p>No epoch has been recorded yet.</p>";
        }
        StringColumn group = groups(study, perEpoch);
        perEpoch.addColumns(group);
        StringBuilder html = new StringBuilder();
        List<TableSlice> keys = new ArrayList<>(perEpoch.splitOn("split", "metric").getSlices());
        keys.sort((a, b) -> key(a).compareTo(key(b)));
        for (TableSlice slice : keys) {
            String key = key(slice);
            LineChart chart = new LineChart(key + " per epoch (mean and 95% band over seeds)", "epoch", key, false, false);
            Table byKey = slice.asTable();
            for (String variant : group.unique().asList().stream().sorted().toList()) {
                Table rows = byKey.where(byKey.stringColumn("group").isEqualTo(variant));
                if (rows.rowCount() == 0) {
                    continue;
                }
                Map<Integer, List<Double>> byEpoch = new TreeMap<>();
                for (int i = 0; i < rows.rowCount(); i++) {
                    byEpoch.computeIfAbsent(rows.intColumn("epoch").getInt(i), e -> new ArrayList<>())
                            .add(rows.doubleColumn("value").getDouble(i));
                }
                List<LineChart.Point> points = new ArrayList<>();
                int seeds = 0;
                for (Map.Entry<Integer, List<Double>> e : byEpoch.entrySet()) {
                    Summary s = Summary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                    points.add(new LineChart.Point(e.getKey(), s.mean(), s.low(), s.high()));
                    seeds = Math.max(seeds, s.n());
                }
                chart.add(new LineChart.Series(variant, points, "n=" + seeds));
            }
            html.append("<figure>").append(chart.render().inline(chart.title())).append("<figcaption>")
                    .append(dev.awb.runtime.ui.spi.Markup.escape(chart.title())).append("</figcaption></figure>\n");
        }
        return html.toString();
    }

    private static String key(TableSlice slice) {
        return slice.stringColumn("split").get(0) + "." + slice.stringColumn("metric").get(0);
    }

    /** Each row's compared value: the compare axis's label, else all labels joined, else "all trials". */
    private static StringColumn groups(StudyTables study, Table rows) {
        StringColumn group = StringColumn.create("group", rows.rowCount());
        List<String> axes = study.compare() != null ? List.of(study.compare()) : study.axes();
        for (int i = 0; i < rows.rowCount(); i++) {
            StringBuilder name = new StringBuilder();
            for (String axis : axes) {
                String column = StudyResults.labelColumn(axis);
                if (rows.containsColumn(column)) {
                    name.append(name.length() == 0 ? "" : ", ").append(axes.size() == 1 ? "" : axis + "=")
                            .append(rows.stringColumn(column).get(i));
                }
            }
            group.set(i, name.length() == 0 ? "all trials" : name.toString());
        }
        return group;
    }
}
