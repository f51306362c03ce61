package dev.awb.runtime.ui;

import static dev.awb.runtime.ui.spi.Markup.escape;

import dev.awb.runtime.report.ReportException;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.ui.spi.Markup;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.UnknownResource;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * {@code /study/ID}: one study. Its trial table (status, epoch, current loss, failure reason with the log's last
 * lines) and learning curves follow running trials by themselves (fragments polled by the page's script); below,
 * the comparison {@code awb report} makes, computed by the report's own code and fetched by the page once it has
 * loaded (for a study of a thousand trials it takes longer than the rest of the page).
 */
final class StudyView implements View {
    /** Lines of a failed trial's worker log shown under its error. */
    static final int TAIL_LINES = 5;

    private final StoreResults results;

    StudyView(StoreResults results) {
        this.results = results;
    }

    @Override
    public String name() {
        return "study";
    }

    @Override
    public String title() {
        return null;
    }

    @Override
    public Page render(ViewRequest request) {
        if (request.path().isEmpty()) {
            throw new UnknownResource("no study named in the URL", "/studies", "all studies");
        }
        String id = request.path().get(0);
        StudyResults study = results.study(id);
        String self = "/study/" + Markup.pathSegment(id);
        String title = "Study " + id;
        switch (request.parameter("fragment").orElse("")) {
            case "trials":
                return new Page(title, trials(study));
            case "curves":
                return new Page(title, LearningCurves.html(study));
            case "report":
                return new Page(title, report(id));
            default:
                break;
        }
        // Each refresh reads the whole study again: a study of a thousand trials refreshes every 12 s, a small one every 2 s.
        int every = 2000 + 10 * study.trials().rowCount();
        StringBuilder html = new StringBuilder("<dl>");
        fact(html, "experiment", study.experiment());
        fact(html, "created", study.created());
        fact(html, "directory", study.directory().toString());
        fact(html, "compared", study.compare() == null ? "nothing (one group)" : study.compare());
        fact(html, "main metric", study.mainMetric() == null ? "none yet" : study.mainMetric());
        html.append("</dl>\n<h2>Trials</h2>")
                .append("<input class=\"filter\" data-for=\"trials\" placeholder=\"filter trials\" aria-label=\"filter trials\">")
                .append("<div id=\"trials-live\" data-live=\"").append(escape(self)).append("?fragment=trials\" data-every=\"")
                .append(every).append("\">").append(trials(study))
                .append("</div>\n<h2>Learning curves</h2><div id=\"curves-live\" data-load=\"now\" data-live=\"")
                .append(escape(self)).append("?fragment=curves\" data-every=\"").append(2 * every)
                .append("\"><p>Drawing the curves…</p></div>\n<h2>Report</h2><p>The numbers of <code>awb report ").append(escape(id))
                .append("</code> (finished trials only), refreshed every 20 s.</p><div id=\"report-live\" class=\"report\""
                        + " data-load=\"now\" data-live=\"").append(escape(self))
                .append("?fragment=report\" data-every=\"20000\"><p>Computing the report…</p></div>");
        return new Page(title, html.toString());
    }

    private String report(String id) {
        try {
            return results.report(id);
        } catch (ReportException e) {
            return "<p class=\"note\">No report yet: " + escape(e.getMessage()) + "</p>";
        }
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    /** The live trial table. */
    static String trials(StudyResults study) {
        Table trials = study.trials();
        StringBuilder html = new StringBuilder("<table id=\"trials\"><thead><tr><th class=\"sortable\">#</th>"
                + "<th class=\"sortable\">trial</th>");
        for (String axis : study.axes()) {
            html.append("<th class=\"sortable\">").append(escape(axis)).append("</th>");
        }
        html.append("<th class=\"sortable\">seed</th><th class=\"sortable\">status</th><th class=\"sortable\">attempts</th>"
                + "<th class=\"sortable\">epoch</th><th class=\"sortable\">loss</th><th class=\"sortable\">ETA</th><th>failure</th>"
                + "</tr></thead><tbody>\n");
        java.time.Instant now = java.time.Instant.now();
        String studyPath = "/trial/" + Markup.pathSegment(study.id()) + "/";
        for (Row row : trials) {
            String id = row.getString("trial");
            String status = row.getString("status");
            String css = status.split(" ")[0];
            html.append("<tr data-trial=\"").append(escape(id)).append("\"><td class=\"num\">").append(row.getInt("trial_index"))
                    .append("</td><td><a href=\"").append(escape(studyPath + Markup.pathSegment(id))).append("\"><code>")
                    .append(escape(id.substring(0, Math.min(12, id.length())))).append("</code></a></td>");
            for (String axis : study.axes()) {
                html.append("<td>").append(escape(row.getString(StudyResults.labelColumn(axis)))).append("</td>");
            }
            boolean hasEpoch = !trials.intColumn("epoch").isMissing(row.getRowNumber());
            html.append("<td class=\"num\">").append(row.getLong("seed")).append("</td><td class=\"status status-")
                    .append(escape(css)).append("\">").append(escape(status)).append("</td><td class=\"num\">")
                    .append(row.getInt("attempts")).append("</td><td class=\"num epoch\">")
                    .append(hasEpoch ? Integer.toString(row.getInt("epoch")) : "")
                    .append(!hasEpoch || trials.intColumn("epochs").isMissing(row.getRowNumber()) ? "" : "/" + row.getInt("epochs"))
                    .append("</td><td class=\"num loss\">").append(hasEpoch ? Format.number(row.getDouble("loss")) : "")
                    .append("</td><td class=\"num eta\">").append(css.equals("running") ? eta(trials, row, now) : "")
                    .append("</td><td>");
            String error = row.getString("error");
            if (!error.isEmpty()) {
                html.append(escape(error));
                String tail = tail(study.directory(), id, TAIL_LINES);
                if (!tail.isEmpty()) {
                    html.append("<pre class=\"tail\">").append(escape(tail)).append("</pre>");
                }
            }
            html.append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    /**
     * The time a running trial still needs if its remaining epochs take as long as its finished ones did on
     * average: elapsed since its attempt started × (epochs − epoch) / epoch; empty before its first epoch.
     */
    static String eta(Table trials, Row row, java.time.Instant now) {
        int at = row.getRowNumber();
        if (trials.intColumn("epoch").isMissing(at) || trials.intColumn("epochs").isMissing(at)
                || row.getString("started").isEmpty()) {
            return "";
        }
        try {
            long elapsed = java.time.Duration.between(java.time.Instant.parse(row.getString("started")), now).getSeconds();
            int epoch = row.getInt("epoch");
            long left = Math.max(0, elapsed * (row.getInt("epochs") - epoch) / Math.max(1, epoch));
            return left >= 3600 ? String.format(java.util.Locale.ROOT, "%dh%02dm", left / 3600, left % 3600 / 60)
                    : String.format(java.util.Locale.ROOT, "%dm%02ds", left / 60, left % 60);
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of a trial's worker log, or "" when it has none. */
    static String tail(Path studyDir, String trialId, int lines) {
        try {
            Path log = Study.workerLog(Study.trialDirectory(studyDir, trialId));
            if (!Files.isRegularFile(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
