package dev.awb.runtime.ui;

import static dev.awb.runtime.ui.spi.Markup.escape;

import dev.awb.runtime.store.TrialStatus;
import dev.awb.runtime.ui.spi.Markup;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * {@code /studies}: every study of the store with its experiment, creation time, trial counts by status and the
 * best value of its main metric; filter by typing, sort by clicking a column; the table follows running studies.
 */
final class StudiesView implements View {
    @Override
    public String name() {
        return "studies";
    }

    @Override
    public String title() {
        return "Studies";
    }

    @Override
    public Page render(ViewRequest request) {
        String table = table(request.results().studies());
        if (request.parameter("fragment").isPresent()) {
            return new Page("Studies", table);
        }
        return new Page("Studies", "<p>Every study in the results store. Type to filter; click a column to sort.</p>"
                + "<input class=\"filter\" data-for=\"studies\" placeholder=\"filter studies\" aria-label=\"filter studies\">"
                + "<div data-live=\"/studies?fragment=list\" data-every=\"5000\">" + table + "</div>");
    }

    static String table(Table studies) {
        if (studies.rowCount() == 0) {
            return "<p id=\"studies\">No studies yet: <code>awb run FILE</code> creates one.</p>";
        }
        StringBuilder html = new StringBuilder("<table id=\"studies\"><thead><tr>");
        for (String h : new String[] {"study", "experiment", "created", "trials", "by status", "main metric", "best"}) {
            html.append("<th class=\"sortable\">").append(h).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (Row row : studies) {
            String id = row.getString("study");
            StringBuilder counts = new StringBuilder();
            for (TrialStatus status : TrialStatus.values()) {
                int n = row.getInt(status.text());
                if (n > 0) {
                    counts.append(counts.length() == 0 ? "" : ", ").append("<span class=\"status-").append(status.text())
                            .append("\">").append(n).append(' ').append(status.text()).append("</span>");
                }
            }
            double best = row.getDouble("best");
            html.append("<tr><td><a href=\"/study/").append(escape(Markup.pathSegment(id))).append("\">")
                    .append(escape(id)).append("</a></td><td>").append(escape(row.getString("experiment")))
                    .append("</td><td>").append(escape(row.getString("created"))).append("</td><td class=\"num\">")
                    .append(row.getInt("trials")).append("</td><td>").append(counts).append("</td><td>")
                    .append(escape(row.getString("main_metric"))).append("</td><td class=\"num\">")
                    .append(Double.isNaN(best) ? "" : Format.number(best)).append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }
}
