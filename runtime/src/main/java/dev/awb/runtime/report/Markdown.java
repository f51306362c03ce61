package dev.awb.runtime.report;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders Tablesaw tables and user-controlled strings as GitHub-flavoured Markdown, escaped so that
 * experiment names, labels and plugin names cannot inject markup.
 */
final class Markdown {
    private Markdown() {
    }

    /** {@code table} as a Markdown table; numbers with 4 significant digits. */
    static String table(Table table) {
        StringBuilder md = new StringBuilder("|");
        for (String name : table.columnNames()) {
            md.append(' ').append(text(name)).append(" |");
        }
        md.append("\n|");
        md.append("---|".repeat(table.columnCount())).append('\n');
        for (int row = 0; row < table.rowCount(); row++) {
            md.append('|');
            for (Column<?> column : table.columns()) {
                md.append(' ').append(cell(column, row)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        Object value = column.get(row);
        if (value instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%.4g", d);
        }
        return text(String.valueOf(value));
    }

    /** Plain text with Markdown and HTML metacharacters escaped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text for inside a code span: backticks and line breaks removed, pipes escaped. */
    static String code(String value) {
        return value.replace("`", "'").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
