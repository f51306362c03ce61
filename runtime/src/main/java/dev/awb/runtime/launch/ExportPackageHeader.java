package dev.awb.runtime.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader of OSGi {@code Export-Package} headers that keeps each package with its declared version
 * (OSGi Core R7 §3.6.5) and drops the other directives, which the system bundle does not need.
 */
final class ExportPackageHeader {
    private ExportPackageHeader() {
    }

    /** One {@code pkg;version="v"} (or bare {@code pkg}) per exported package of {@code header}. */
    static List<String> clauses(String header) {
        List<String> result = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> packages = new ArrayList<>();
            String version = null;
            for (String part : split(clause, ';')) {
                String p = part.trim();
                if (p.startsWith("version=")) {
                    version = unquote(p.substring("version=".length()));
                } else if (!p.contains("=") && !p.isEmpty()) {
                    packages.add(p);
                }
            }
            for (String pkg : packages) {
                result.add(version == null ? pkg : pkg + ";version=\"" + version + "\"");
            }
        }
        return result;
    }

    /** Splits on {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
