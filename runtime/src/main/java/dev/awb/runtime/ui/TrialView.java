package dev.awb.runtime.ui;

import static dev.awb.runtime.ui.spi.Markup.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.awb.runtime.report.chart.LineChart;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.train.AttentionMaps;
import dev.awb.runtime.ui.spi.Markup;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.UnknownResource;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import dev.awb.runtime.store.MetricRow;

/**
 * {@code /trial/STUDY/TRIAL}: one trial (full id or a unique prefix): status, resolved configuration, provenance,
 * every metric over epochs and its final values, its attention maps (value of each cell on hover) and its worker
 * log.
 */
final class TrialView implements View {
    /** Lines of the worker log shown (its end). */
    static final int LOG_LINES = 400;
    /** Examples, and positions of each, drawn as attention maps. */
    static final int MAP_EXAMPLES = 2;
    static final int MAP_POSITIONS = 48;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final StoreResults results;

    TrialView(StoreResults results) {
        this.results = results;
    }

    @Override
    public String name() {
        return "trial";
    }

    @Override
    public String title() {
        return null;
    }

    @Override
    public Page render(ViewRequest request) {
        if (request.path().size() < 2) {
            throw new UnknownResource("a trial's URL is /trial/STUDY/TRIAL", "/studies", "all studies");
        }
        String studyId = request.path().get(0);
        StudyResults study = results.study(studyId);
        TrialRecord trial = results.trial(studyId, request.path().get(1));
        String studyLink = "/study/" + Markup.pathSegment(studyId);
        StringBuilder html = new StringBuilder("<p><a href=\"").append(escape(studyLink)).append("\">study ")
                .append(escape(studyId)).append("</a></p><dl>");
        fact(html, "trial", trial.id());
        fact(html, "labels", trial.labels());
        fact(html, "seed", Long.toString(trial.seed()));
        fact(html, "status", trial.statusAt(java.time.Instant.now()));
        fact(html, "attempts", Integer.toString(trial.attempts()));
        fact(html, "worker", trial.worker());
        fact(html, "started", trial.started());
        fact(html, "finished", trial.finished());
        if (trial.error() != null) {
            fact(html, "error", trial.error());
        }
        html.append("</dl>");
        List<MetricRow> mine = results.metrics(studyId, trial.id());
        html.append("<h2>Metrics over epochs</h2>").append(curves(mine));
        html.append("<h2>Final metrics</h2>").append(finals(mine));
        html.append("<h2>Attention maps</h2>").append(maps(study.directory(), trial.id()));
        html.append("<h2>Resolved configuration</h2><pre>").append(escape(pretty(trial.config()))).append("</pre>");
        html.append("<h2>Provenance</h2><pre>").append(escape(results.provenance(studyId, trial.id())
                .map(TrialView::pretty).orElse("(not recorded: the trial never started)"))).append("</pre>");
        String log = StudyView.tail(study.directory(), trial.id(), LOG_LINES);
        html.append("<h2>Worker log</h2>").append(log.isEmpty() ? "<p>No worker log.</p>"
                : "<p>The last " + LOG_LINES + " lines at most.</p><pre id=\"log\">" + escape(log) + "</pre>");
        return new Page("Trial " + trial.id().substring(0, Math.min(12, trial.id().length())), html.toString());
    }

    private static void fact(StringBuilder html, String name, String value) {
        if (value != null) {
            html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
        }
    }

    private static String pretty(String json) {
        if (json == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String curves(List<MetricRow> mine) {
        Map<String, TreeMap<Integer, Double>> byKey = new TreeMap<>();
        for (MetricRow row : mine) {
            if (row.epoch() != null) {
                byKey.computeIfAbsent(row.split() + "." + row.name(), k -> new TreeMap<>()).put(row.epoch(), row.value());
            }
        }
        if (byKey.isEmpty()) {
            return "<p>No epoch recorded.</p>";
        }
        StringBuilder html = new StringBuilder();
        byKey.forEach((key, points) -> {
            LineChart chart = new LineChart(key + " per epoch", "epoch", key, false, false);
            chart.add(new LineChart.Series(key, points.entrySet().stream().map(p -> new LineChart.Point(p.getKey(),
                    p.getValue(), Double.NaN, Double.NaN)).toList(), null));
            html.append("<figure>").append(chart.render().inline(chart.title())).append("<figcaption>")
                    .append(escape(chart.title())).append("</figcaption></figure>");
        });
        html.append("<table><thead><tr><th>metric</th>");
        int last = byKey.values().stream().mapToInt(TreeMap::lastKey).max().orElse(0);
        for (int e = 1; e <= last; e++) {
            html.append("<th>").append(e).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        byKey.forEach((key, points) -> {
            html.append("<tr><td>").append(escape(key)).append("</td>");
            for (int e = 1; e <= last; e++) {
                Double v = points.get(e);
                html.append("<td class=\"num\">").append(v == null ? "" : Format.number(v)).append("</td>");
            }
            html.append("</tr>");
        });
        return html.append("</tbody></table>").toString();
    }

    private static String finals(List<MetricRow> mine) {
        StringBuilder html = new StringBuilder("<table><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>");
        int n = 0;
        for (MetricRow row : mine) {
            if (row.epoch() == null) {
                n++;
                html.append("<tr><td>").append(escape(row.split() + "." + row.name())).append("</td><td class=\"num\">")
                        .append(Format.number(row.value())).append("</td></tr>");
            }
        }
        return n == 0 ? "<p>No final metrics (the trial has not finished).</p>" : html.append("</tbody></table>").toString();
    }

    /** Heat maps as tables of shaded cells: a cell's title (hover) gives query, key and weight. */
    static String maps(Path studyDir, String trialId) {
        Optional<AttentionMaps> maps;
        try {
            maps = AttentionMaps.read(Study.attentionMapsFile(Study.trialDirectory(studyDir, trialId)));
        } catch (RuntimeException e) {
            return "<p class=\"note\">Attention maps unreadable: " + escape(e.getMessage()) + "</p>";
        }
        if (maps.isEmpty() || maps.get().examples().isEmpty()) {
            return "<p>No attention maps were captured for this trial.</p>";
        }
        StringBuilder html = new StringBuilder("<p>Weights of the first captured test examples (first " + MAP_POSITIONS
                + " positions at most); hover a cell for its value. Rows are queries, columns keys, labelled by token.</p>");
        List<AttentionMaps.Example> examples = maps.get().examples();
        for (int x = 0; x < Math.min(MAP_EXAMPLES, examples.size()); x++) {
            AttentionMaps.Example ex = examples.get(x);
            for (int l = 0; l < ex.layers().length; l++) {
                for (int h = 0; h < ex.layers()[l].length; h++) {
                    html.append(grid("example " + (x + 1) + ", layer " + (l + 1) + ", head " + (h + 1), ex.layers()[l][h],
                            ex.tokens(), Math.min(ex.length(), MAP_POSITIONS)));
                }
            }
        }
        return html.toString();
    }

    private static String grid(String caption, double[][] weights, int[] tokens, int length) {
        int n = Math.min(length, weights.length);
        double max = 0;
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < Math.min(n, weights[q].length); k++) {
                max = Math.max(max, Double.isFinite(weights[q][k]) ? weights[q][k] : 0);
            }
        }
        StringBuilder html = new StringBuilder("<figure><table class=\"map\"><caption>").append(escape(caption))
                .append("</caption><tr><th></th>");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(tokens != null && i < tokens.length ? Integer.toString(tokens[i]) : Integer.toString(i));
            html.append("<th>").append(escape(names.get(i))).append("</th>");
        }
        html.append("</tr>");
        for (int q = 0; q < n; q++) {
            html.append("<tr><th>").append(escape(names.get(q))).append("</th>");
            for (int k = 0; k < n; k++) {
                double v = k < weights[q].length ? weights[q][k] : Double.NaN;
                double t = max > 0 && Double.isFinite(v) ? Math.max(0, Math.min(1, v / max)) : 0;
                int r = (int) Math.round(255 + t * (8 - 255));
                int g = (int) Math.round(255 + t * (48 - 255));
                int b = (int) Math.round(255 + t * (107 - 255));
                html.append(String.format(java.util.Locale.ROOT,
                        "<td style=\"background:#%02x%02x%02x\" title=\"query %d (%s) → key %d (%s): %s\"></td>",
                        r, g, b, q + 1, escape(names.get(q)), k + 1, escape(names.get(k)), Format.number(v)));
            }
            html.append("</tr>");
        }
        return html.append("</table><figcaption>max ").append(Format.number(max)).append("</figcaption></figure>").toString();
    }
}
