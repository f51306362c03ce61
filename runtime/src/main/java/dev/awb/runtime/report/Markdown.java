package dev.awb.runtime.report;

/**
 * Renders a {@link Document} as GitHub-flavoured Markdown; figures become links to SVG files written beside
 * the report. User-controlled strings are escaped so that they cannot inject markup.
 */
final class Markdown {
    private Markdown() {
    }

    static String render(Document doc) {
        StringBuilder md = new StringBuilder("# ").append(text(doc.title())).append("\n\n");
        for (Document.Section section : doc.sections()) {
            md.append("## ").append(text(section.title())).append("\n\n");
            for (Document.Block block : section.blocks()) {
                block(md, block);
            }
        }
        return md.toString();
    }

    private static void block(StringBuilder md, Document.Block block) {
        if (block instanceof Document.Paragraph p) {
            md.append(text(p.text())).append("\n\n");
        } else if (block instanceof Document.Note n) {
            md.append("> **Note:** ").append(text(n.text())).append("\n\n");
        } else if (block instanceof Document.Facts f) {
            for (String[] pair : f.pairs()) {
                md.append("- **").append(text(pair[0])).append("**: ").append(text(pair[1])).append('\n');
            }
            md.append('\n');
        } else if (block instanceof Document.Grid g) {
            grid(md, g);
        } else if (block instanceof Document.Figure f) {
            md.append("![").append(text(f.title())).append("](").append(f.file())
                    .append(".svg)\n\n");
        }
    }

    private static void grid(StringBuilder md, Document.Grid g) {
        md.append("**").append(text(g.caption())).append("**\n\n|");
        g.headers().forEach(h -> md.append(' ').append(text(h)).append(" |"));
        md.append("\n|").append("---|".repeat(g.headers().size())).append('\n');
        for (var row : g.rows()) {
            md.append('|');
            for (Document.Cell cell : row) {
                String t = text(cell.text());
                md.append(' ').append(cell.bold() && !t.isEmpty() ? "**" + t + "**" : t).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Plain text with Markdown and HTML metacharacters escaped and line breaks flattened. */
    static String text(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '(', ')', '|', '#', '!', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
