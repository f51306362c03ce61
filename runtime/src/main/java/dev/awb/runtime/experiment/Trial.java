package dev.awb.runtime.experiment;

import dev.awb.api.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One fully resolved training run: every node bound to a plugin version with all parameters, and a seed.
 *
 * @param index 1-based position in the study
 * @param labels the trial's sweep coordinates, axis name to value, in axis order (empty without a sweep);
 *     seeds are never labels
 * @param seed the replicate seed
 * @param dataset the dataset node
 * @param attention the attention node the model uses
 * @param attentionSignals the interaction signal sources wired to the attention node's {@code inputs:}, by
 *     source name, with the node that gives each: {@code context} → the dataset node (its context), a pooling
 *     node's name → that node (its pooling of the embedded input); empty when none
 * @param model the model node
 * @param positional the positional encoding the model uses: its graph node, or the default the validator chose
 *     (node name in parentheses)
 * @param pooling the pooling the model uses for sequence targets, node or default like {@code positional}
 * @param optimizer the optimizer node
 * @param metrics the metric nodes, in file order
 * @param trainer the trainer node's parameters
 * @param config the canonical JSON of everything above (plugin versions included)
 * @param id a hash of {@code config}: the trial's identity in the results store
 */
public record Trial(int index, Map<String, String> labels, long seed, ResolvedNode dataset, ResolvedNode attention,
        Map<String, ResolvedNode> attentionSignals, ResolvedNode model, ResolvedNode positional, ResolvedNode pooling,
        ResolvedNode optimizer, List<ResolvedNode> metrics, Params trainer, String config, String id) {

    public Trial {
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        attentionSignals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attentionSignals));
    }

    public TrainerSettings settings() {
        return TrainerSettings.of(trainer);
    }

    /**
     * This trial with another attention node, for measurements outside a study (benchmarks); the
     * configuration and id stay this trial's.
     */
    public Trial withAttention(ResolvedNode other) {
        return new Trial(index, labels, seed, dataset, other, attentionSignals, model, positional, pooling, optimizer, metrics, trainer,
                config, id);
    }

    /** This trial with another model node, like {@link #withAttention}. */
    public Trial withModel(ResolvedNode other) {
        return new Trial(index, labels, seed, dataset, attention, attentionSignals, other, positional, pooling, optimizer, metrics, trainer,
                config, id);
    }

    /** This trial with another dataset node, like {@link #withAttention}. */
    public Trial withDataset(ResolvedNode other) {
        return new Trial(index, labels, seed, other, attention, attentionSignals, model, positional, pooling, optimizer, metrics, trainer,
                config, id);
    }

    /**
     * Which bundle served each plugin of this trial, by plugin ({@code kind/name}): symbolic name, version and
     * location (the jar's {@code file:} URI). Not part of {@link #config()}: a location is specific to one
     * machine, while the id must stay the same wherever the trial runs.
     */
    public Map<String, Map<String, String>> bundles() {
        Map<String, Map<String, String>> bundles = new java.util.TreeMap<>();
        for (ResolvedNode node : nodes()) {
            var plugin = node.plugin();
            bundles.put(plugin.id(), Map.of("bundle", plugin.bundle(), "version", plugin.version(),
                    "location", plugin.location()));
        }
        return bundles;
    }

    /** Every node this trial uses: dataset, attention, model and its parts, optimizer, metrics, signal sources. */
    public List<ResolvedNode> nodes() {
        List<ResolvedNode> nodes = new java.util.ArrayList<>(List.of(dataset, attention, model, positional, pooling,
                optimizer));
        nodes.addAll(metrics);
        nodes.addAll(attentionSignals.values());
        return nodes;
    }

    /**
     * The content hashes of the data files this trial reads, as they are now ({@code NODE.PARAM} →
     * {@code sha256:HEX}); its {@link #config()} holds them as they were when it was planned.
     */
    public Map<String, String> dataHashesNow() {
        return new DataFingerprints().of(nodes());
    }

    /** A short human label: the sweep coordinates and the seed, e.g. {@code variant=soft seed=1}. */
    public String label() {
        String coordinates = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return (coordinates.isEmpty() ? "attention=" + attention.plugin().name() : coordinates) + " seed=" + seed;
    }
}
