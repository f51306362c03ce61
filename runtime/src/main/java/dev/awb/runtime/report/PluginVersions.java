package dev.awb.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The plugin bundles and versions each compared group ran with, read from its trials' resolved configurations: every
 * node of a configuration names its plugin ({@code use}) and the bundle with its version ({@code bundle}), and the
 * report lists them per group so that a number can be traced to the code that produced it.
 *
 * @param rows plugin id → group → {@code bundle@version} (absent when the group did not use the plugin); a group
 *     whose trials ran two versions of one plugin lists both, joined by ", "
 */
record PluginVersions(Map<String, Map<String, String>> rows, List<String> groups) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The plugins of {@code trials}, grouped by {@code groupOf} (e.g. the compared value), in group order. */
    static PluginVersions of(List<ReportTrial> trials, Function<ReportTrial, String> groupOf) {
        Map<String, Map<String, TreeSet<String>>> found = new TreeMap<>();
        List<String> groups = new ArrayList<>();
        for (ReportTrial trial : trials) {
            String group = groupOf.apply(trial);
            if (!groups.contains(group)) {
                groups.add(group);
            }
            plugins(trial.config()).forEach((use, bundle) -> found.computeIfAbsent(use, u -> new LinkedHashMap<>())
                    .computeIfAbsent(group, g -> new TreeSet<>()).add(bundle));
        }
        Map<String, Map<String, String>> rows = new TreeMap<>();
        found.forEach((use, byGroup) -> {
            Map<String, String> row = new LinkedHashMap<>();
            byGroup.forEach((group, bundles) -> row.put(group, String.join(", ", bundles)));
            rows.put(use, row);
        });
        return new PluginVersions(rows, List.copyOf(groups));
    }

    /** Plugin id → {@code bundle@version} for every node of one resolved configuration (JSON). */
    static Map<String, String> plugins(String config) {
        Map<String, String> plugins = new TreeMap<>();
        if (config == null || config.isBlank()) {
            return plugins;
        }
        try {
            collect(JSON.readTree(config), plugins);
        } catch (JsonProcessingException e) {
            // An unreadable stored configuration names no plugin; the report's overview shows it elsewhere.
        }
        return plugins;
    }

    private static void collect(JsonNode node, Map<String, String> plugins) {
        if (node.isObject()) {
            if (node.path("use").isTextual() && node.path("bundle").isTextual()) {
                plugins.put(node.get("use").asText(), node.get("bundle").asText());
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), plugins));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, plugins));
        }
    }

    /** One row per plugin and group: the layout of {@code plugins.csv}. */
    Table table() {
        StringColumn group = StringColumn.create("group");
        StringColumn plugin = StringColumn.create("plugin");
        StringColumn bundle = StringColumn.create("bundle");
        rows.forEach((use, byGroup) -> byGroup.forEach((g, b) -> {
            group.append(g);
            plugin.append(use);
            bundle.append(b);
        }));
        return Table.create("plugins", group, plugin, bundle);
    }

    /** One line for a table caption: the plugin versions, per group where they differ, e.g. for LaTeX. */
    String summary() {
        List<String> parts = new ArrayList<>();
        rows.forEach((use, byGroup) -> {
            TreeSet<String> distinct = new TreeSet<>(byGroup.values());
            parts.add(use + " " + (distinct.size() == 1 && byGroup.size() == groups.size()
                    ? version(distinct.first()) : byGroup.entrySet().stream()
                            .map(e -> version(e.getValue()) + " (" + e.getKey() + ")")
                            .reduce((a, b) -> a + ", " + b).orElse("")));
        });
        return String.join("; ", parts);
    }

    /** {@code dev.awb.attention-soft@0.1.0.2026...} → {@code 0.1.0.2026...}. */
    private static String version(String bundle) {
        int at = bundle.lastIndexOf('@');
        return at < 0 ? bundle : bundle.substring(at + 1);
    }
}
