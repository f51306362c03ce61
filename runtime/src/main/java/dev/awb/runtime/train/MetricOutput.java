package dev.awb.runtime.train;

import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.testkit.MetricNames;
import java.util.Map;

/**
 * The runtime's check of what a metric plugin returns from one evaluation, before anything is stored: a map, names
 * that keep the test kit's {@link MetricNames} rule, a number (or NaN) for each, and no name another metric node of the
 * trial already returned (two values under one key would overwrite each other in the results).
 */
final class MetricOutput {
    private MetricOutput() {
    }

    /**
     * Checks {@code values}, returned by {@code metric}'s plugin; {@code taken} maps each name already returned in this
     * evaluation to the node that returned it, and receives this metric's names.
     *
     * @throws PluginOutputException naming the node, the plugin and version, the name and what is allowed
     */
    static void check(ResolvedNode metric, Map<String, Double> values, Map<String, String> taken) {
        String who = "node '" + metric.node() + "': " + metric.plugin().id() + " " + metric.plugin().version();
        if (values == null) {
            throw new PluginOutputException(who + " returned null from evaluate; allowed: a map of names to values");
        }
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            String problem = MetricNames.problem(entry.getKey());
            if (problem != null) {
                throw new PluginOutputException(who + " returned the name '" + entry.getKey() + "', which " + problem
                        + "; allowed: a non-blank name without control characters, parts joined by '/'");
            }
            if (entry.getValue() == null) {
                throw new PluginOutputException(who + " returned null for '" + entry.getKey() + "'; allowed: a number, "
                        + "or NaN where the value cannot be had");
            }
            String before = taken.putIfAbsent(entry.getKey(), metric.plugin().id());
            if (before != null) {
                throw new PluginOutputException(who + " returned '" + entry.getKey() + "', which " + before
                        + " returned already in the same evaluation; allowed: names no other metric of the trial uses");
            }
        }
    }
}
