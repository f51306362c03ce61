package dev.awb.runtime.experiment;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Command-line overrides ({@code -s PATH=VALUE}) applied to an experiment file's YAML tree before it is read.
 *
 * <p>A path starts with a top-level key ({@code seeds}, {@code sweep}, {@code tune}, {@code report}, ...) or
 * else names a graph node ({@code optimizer.with.lr} means {@code graph.optimizer.with.lr}). Below
 * {@code sweep} and {@code tune.budget} the rest of the path is one axis name, dots included
 * ({@code sweep.optimizer.with.lr=[1e-3,3e-3]}). The value is YAML ({@code 3e-4}, {@code [1,2]},
 * {@code {from: 1, to: 3}}). Every node an override brings is remembered, so errors about it point at the
 * override rather than at a line of the file.
 */
final class Overrides {
    private static final Set<String> AXIS_PARENTS = Set.of("sweep", "budget");

    private final Map<Node, String> origins = new IdentityHashMap<>();

    /** Where nodes that came from the command line came from ({@code -s PATH=VALUE}). */
    Map<Node, String> origins() {
        return origins;
    }

    /**
     * Applies {@code overrides} to {@code root}, a mapping.
     *
     * @throws ExperimentException for a malformed override
     */
    void apply(MappingNode root, List<String> overrides, Set<String> topKeys) {
        for (String override : overrides) {
            String origin = "-s " + override;
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw fail(origin, "an override is PATH=VALUE, e.g. optimizer.with.lr=3e-4");
            }
            String path = override.substring(0, eq).trim();
            Node value;
            try {
                value = new Yaml(new LoaderOptions()).compose(new StringReader(override.substring(eq + 1)));
            } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                throw fail(origin, "the value is not valid YAML: " + e.getProblem()
                        + (mark == null ? "" : " at column " + (mark.getColumn() + 1) + " of the value"));
            } catch (YAMLException e) {
                throw fail(origin, "the value is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (value == null) {
                value = new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN);
            }
            remember(value, origin);
            List<String> segments = new ArrayList<>(List.of(path.split("\\.")));
            if (segments.stream().anyMatch(String::isEmpty)) {
                throw fail(origin, "empty segment in path '" + path + "'");
            }
            if (!topKeys.contains(segments.get(0))) {
                checkNode(root, segments.get(0), segments.size() == 1, value, topKeys, origin);
                segments.add(0, "graph");
            } else if (segments.get(0).equals("graph") && segments.size() > 1) {
                checkNode(root, segments.get(1), segments.size() == 2, value, Set.of(), origin);
            }
            set(root, segments, value, origin);
        }
    }

    /**
     * Refuses an override below a node the graph does not have: {@code -s optimiser.with.lr=...} would otherwise
     * create a node 'optimiser' that nothing reads while 'optimizer' keeps its value. A whole new node may be added
     * ({@code -s extra={use: metric/f1}}), but only as a mapping.
     */
    private static void checkNode(MappingNode root, String name, boolean whole, Node value, Set<String> topKeys,
            String origin) {
        List<String> nodes = new ArrayList<>();
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("graph")
                    && tuple.getValueNode() instanceof MappingNode graph) {
                for (NodeTuple node : graph.getValue()) {
                    if (node.getKeyNode() instanceof ScalarNode nodeName) {
                        nodes.add(nodeName.getValue());
                    }
                }
            }
        }
        if (nodes.contains(name) || (whole && value instanceof MappingNode)) {
            return;
        }
        List<String> choices = new ArrayList<>(nodes);
        if (whole) {
            choices.addAll(topKeys);
        }
        boolean topLevel = whole && !topKeys.isEmpty();
        throw fail(origin, "'" + name + "' is not a node of the graph" + (topLevel ? " nor a top-level key" : "")
                + Suggestions.didYouMean(name, choices) + "; nodes: " + nodes + (topLevel ? "; top-level keys: "
                + topKeys.stream().sorted().toList() : "") + (whole ? " (a new node is set whole: " + name
                + "={use: KIND/NAME})" : ""));
    }

    private void set(MappingNode mapping, List<String> segments, Node value, String origin) {
        String key = segments.get(0);
        List<String> rest = segments.subList(1, segments.size());
        if (AXIS_PARENTS.contains(key) && !rest.isEmpty()) {
            MappingNode axes = child(mapping, key, origin);
            put(axes, String.join(".", rest), value, origin);
            return;
        }
        if (rest.isEmpty()) {
            put(mapping, key, value, origin);
            return;
        }
        set(child(mapping, key, origin), rest, value, origin);
    }

    /** The mapping under {@code key}, created when absent. */
    private MappingNode child(MappingNode mapping, String key, String origin) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                if (tuple.getValueNode() instanceof MappingNode child) {
                    return child;
                }
                throw fail(origin, "'" + key + "' is not a mapping in the file, so it has no keys to set");
            }
        }
        MappingNode created = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        remember(created, origin);
        mapping.getValue().add(new NodeTuple(scalar(key, origin), created));
        return created;
    }

    private void put(MappingNode mapping, String key, Node value, String origin) {
        List<NodeTuple> tuples = mapping.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                return;
            }
        }
        tuples.add(new NodeTuple(scalar(key, origin), value));
    }

    private ScalarNode scalar(String text, String origin) {
        ScalarNode node = new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.PLAIN);
        remember(node, origin);
        return node;
    }

    private void remember(Node node, String origin) {
        origins.put(node, origin);
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(child -> remember(child, origin));
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                remember(tuple.getKeyNode(), origin);
                remember(tuple.getValueNode(), origin);
            }
        }
    }

    private static ExperimentException fail(String origin, String message) {
        return new ExperimentException(new Problem(new Location("command line (" + origin + ")", 1, 1), message));
    }
}
