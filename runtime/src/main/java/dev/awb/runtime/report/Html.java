package dev.awb.runtime.report;

import dev.awb.runtime.report.chart.Svg;

/**
 * Renders a {@link Document} as one self-contained HTML file: inline CSS, charts as inline SVG, no script and
 * no reference to any other resource, so it opens from disk and offline. Every string is escaped.
 */
final class Html {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}
            th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{border-bottom:2px solid #888}caption{text-align:left;font-weight:bold;padding:.3em 0}
            .note{background:#fff4d6;border-left:4px solid #e6a700;padding:.4em .8em;margin:.5em 0}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
            figure{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top}
            figcaption{font-size:.85em;color:#555}
            """;

    private Html() {
    }

    static String render(Document doc) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        // Defence in depth: even injected markup could load nothing and run nothing.
        html.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.append("<title>").append(escape(doc.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(escape(doc.title())).append("</h1>\n");
        return html.append(sections(doc)).append("</body></html>\n").toString();
    }

    /** The document's sections as an HTML fragment (headings, tables, inline SVG figures; no script). */
    static String sections(Document doc) {
        StringBuilder html = new StringBuilder();
        for (Document.Section section : doc.sections()) {
            html.append("<h2>").append(escape(section.title())).append("</h2>\n");
            for (Document.Block block : section.blocks()) {
                block(html, block);
            }
        }
        return html.toString();
    }

    private static void block(StringBuilder html, Document.Block block) {
        if (block instanceof Document.Paragraph p) {
            html.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (block instanceof Document.Note n) {
            html.append("<p class=\"note\">").append(escape(n.text())).append("</p>\n");
        } else if (block instanceof Document.Facts f) {
            html.append("<dl>");
            for (String[] pair : f.pairs()) {
                html.append("<dt>").append(escape(pair[0])).append("</dt><dd>").append(escape(pair[1])).append("</dd>");
            }
            html.append("</dl>\n");
        } else if (block instanceof Document.Grid g) {
            grid(html, g);
        } else if (block instanceof Document.Figure f) {
            html.append("<figure>").append(f.svg().inline(f.title())).append("<figcaption>")
                    .append(escape(f.title())).append("</figcaption></figure>\n");
        }
    }

    private static void grid(StringBuilder html, Document.Grid g) {
        html.append("<table><caption>").append(escape(g.caption())).append("</caption><thead><tr>");
        g.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (var row : g.rows()) {
            html.append("<tr>");
            for (Document.Cell cell : row) {
                html.append("<td>").append(cell.bold() ? "<b>" : "").append(escape(cell.text()))
                        .append(cell.bold() ? "</b>" : "").append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    /** {@code text} safe as HTML element content and as a quoted attribute value. */
    static String escape(String text) {
        return Svg.escape(text);
    }
}
