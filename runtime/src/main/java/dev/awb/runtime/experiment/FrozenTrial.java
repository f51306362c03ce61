package dev.awb.runtime.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.api.Params;
import dev.awb.api.model.ModelInputs;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.launch.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trial rebuilt from its frozen, resolved configuration (the {@link Trial#config()} its study's plan recorded in
 * the store and in {@code plan.jsonl}), for the processes that run or rerun it: workers and {@code awb reproduce}.
 *
 * <p>Nothing is read from the experiment file and nothing is validated or resolved again: each node's plugin is the
 * exact {@code kind/name} and bundle version the plan resolved (a newer jar installed meanwhile is not used), its
 * parameters are the frozen values (no defaults filled in again, no sweep), so editing the file or installing a
 * plugin while a study runs cannot change or break its remaining trials. Only live plugin objects are looked up.
 */
public final class FrozenTrial {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of the frozen configuration that are not graph nodes. */
    private static final Set<String> META = Set.of("experiment", "seed", "trainer", "model_parts", "metrics",
            "attention_signals", "signal_poolings", "data_sha256");

    private FrozenTrial() {
    }

    /**
     * The trial with id {@code id}, frozen as {@code config}, bound to the plugins of {@code registry}.
     *
     * @param index its 1-based position in its study's plan
     * @param labels its sweep coordinates
     * @param config the canonical JSON of its resolved configuration, as planned
     * @param id its id (the hash of {@code config})
     * @throws FrozenTrialUnavailable when a plugin version it was planned with is not installed (any more)
     */
    public static Trial thaw(int index, Map<String, String> labels, String config, String id,
            PluginRegistry registry) {
        Map<String, Object> frozen;
        try {
            frozen = JSON.readValue(config, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new FrozenTrialUnavailable("trial " + id + ": its frozen configuration is not JSON: "
                    + e.getOriginalMessage());
        }
        Map<String, ResolvedNode> byKind = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : frozen.entrySet()) {
            if (!META.contains(entry.getKey())) {
                ResolvedNode node = node(entry.getKey(), map(entry.getValue()), registry, id);
                byKind.put(node.plugin().kind(), node);
            }
        }
        Map<String, Object> parts = map(frozen.get("model_parts"));
        ResolvedNode positional = part(map(parts.get(PositionalEncoding.KIND)), registry, id);
        ResolvedNode pooling = part(map(parts.get(Pooling.KIND)), registry, id);
        List<ResolvedNode> metrics = new ArrayList<>();
        for (Object metric : (List<?>) frozen.getOrDefault("metrics", List.of())) {
            Map<String, Object> described = map(metric);
            metrics.add(node(String.valueOf(described.get("use")), described, registry, id));
        }
        ResolvedNode dataset = require(byKind, "dataset", id);
        Map<String, ResolvedNode> signals = new LinkedHashMap<>();
        Map<String, Object> poolings = frozen.containsKey("signal_poolings") ? map(frozen.get("signal_poolings"))
                : Map.of();
        for (Object source : (List<?>) frozen.getOrDefault("attention_signals", List.of())) {
            String name = String.valueOf(source);
            signals.put(name, ModelInputs.DATASET_CONTEXT.equals(name) ? dataset
                    : part(map(poolings.get(name)), registry, id));
        }
        Params trainer = Params.of(map(frozen.get("trainer")));
        long seed = ((Number) frozen.get("seed")).longValue();
        return new Trial(index, labels, seed, dataset, require(byKind, "attention", id), signals,
                require(byKind, "model", id), positional, pooling, require(byKind, "optimizer", id), metrics, trainer,
                config, id);
    }

    private static ResolvedNode part(Map<String, Object> described, PluginRegistry registry, String id) {
        return node(String.valueOf(described.get("node")), described, registry, id);
    }

    /** A node described as {@code {"use": KIND/NAME, "bundle": SYMBOLIC-NAME@VERSION, "with": {...}}}. */
    private static ResolvedNode node(String name, Map<String, Object> described, PluginRegistry registry, String id) {
        String use = String.valueOf(described.get("use"));
        String bundle = String.valueOf(described.get("bundle"));
        int slash = use.indexOf('/');
        int at = bundle.lastIndexOf('@');
        if (slash < 0 || at < 0) {
            throw new FrozenTrialUnavailable("trial " + id + ": node '" + name + "' is frozen without a plugin and"
                    + " bundle version (use " + use + ", bundle " + bundle + ")");
        }
        String kind = use.substring(0, slash);
        String plugin = use.substring(slash + 1);
        String version = bundle.substring(at + 1);
        PluginDescriptor descriptor = registry.find(kind, plugin, version)
                .filter(p -> p.bundle().equals(bundle.substring(0, at)))
                .orElseThrow(() -> new FrozenTrialUnavailable("trial " + id + ": node '" + name + "' was planned with "
                        + use + " of bundle " + bundle + ", which is not installed (installed versions: "
                        + registry.versions(kind, plugin) + ")"));
        return new ResolvedNode(name, descriptor, Params.of(map(described.getOrDefault("with", Map.of()))));
    }

    private static ResolvedNode require(Map<String, ResolvedNode> byKind, String kind, String id) {
        ResolvedNode node = byKind.get(kind);
        if (node == null) {
            throw new FrozenTrialUnavailable("trial " + id + ": its frozen configuration has no " + kind + " node");
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
