package dev.awb.runtime.ui.spi;

/** HTML escaping for views: every user string (names, labels, errors, log lines) goes through {@link #escape}. */
public final class Markup {
    private Markup() {
    }

    /** {@code text} safe as HTML element content and as a double- or single-quoted attribute value; null gives "". */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code segment} as one percent-encoded URL path segment (for links to studies and trials). */
    public static String pathSegment(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
