package dev.awb.runtime.report.chart;

import java.util.Locale;

/**
 * An SVG document under construction: shapes and text appended in drawing order, every text and attribute
 * value XML-escaped, numbers written with one decimal in the root locale.
 */
public final class Svg {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Appends a rectangle; {@code style} is a literal attribute list such as {@code fill="#fff"}. */
    public Svg rect(double x, double y, double w, double h, String style) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" ").append(style).append("/>");
        return this;
    }

    /** Appends a line segment. */
    public Svg line(double x1, double y1, double x2, double y2, String style) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" ").append(style).append("/>");
        return this;
    }

    /** Appends an open polyline ({@code closed} false) or a polygon through {@code xy} pairs. */
    public Svg path(double[] xy, boolean closed, String style) {
        body.append(closed ? "<polygon" : "<polyline").append(" points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            body.append(i == 0 ? "" : " ").append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        body.append("\" ").append(style).append("/>");
        return this;
    }

    /** Appends a circle with a tooltip ({@code tip} may be null). */
    public Svg circle(double cx, double cy, double r, String style, String tip) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" ").append(style);
        if (tip == null) {
            body.append("/>");
        } else {
            body.append("><title>").append(escape(tip)).append("</title></circle>");
        }
        return this;
    }

    /** Appends text; {@code anchor} is start, middle or end; {@code rotate} turns it about its anchor point. */
    public Svg text(double x, double y, String text, String anchor, double size, double rotate) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(n(size)).append('"');
        if (rotate != 0) {
            body.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y))
                    .append(")\"");
        }
        body.append('>').append(escape(text)).append("</text>");
        return this;
    }

    /** The SVG element for inlining into HTML (the namespace is implied there). */
    public String inline(String title) {
        return open(title, "") + body + "</svg>";
    }

    /** A standalone SVG file. */
    public String standalone(String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + open(title, " xmlns=\"http://www.w3.org/2000/svg\"")
                + body + "</svg>\n";
    }

    private String open(String title, String namespace) {
        return "<svg" + namespace + " viewBox=\"0 0 " + width + " " + height + "\" width=\"" + width + "\" height=\""
                + height + "\" role=\"img\" aria-label=\"" + escape(title)
                + "\" font-family=\"sans-serif\"><title>" + escape(title) + "</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";
    }

    /** {@code text} with the five XML metacharacters escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
