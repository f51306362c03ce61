package dev.awb.runtime.experiment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an experiment YAML file into an {@link ExperimentFile}, keeping the position of every value.
 *
 * <p>Uses SnakeYAML's node graph rather than plain maps because only nodes carry line and column marks.
 * Structural mistakes (unknown keys, a list where a mapping belongs) are collected and thrown together.
 */
public final class ExperimentReader {
    private static final Set<String> TOP_KEYS = Set.of("experiment", "description", "seeds", "store", "graph");
    private static final Set<String> NODE_KEYS = Set.of("use", "with", "inputs", "description");

    private final List<Problem> problems = new ArrayList<>();
    private final String file;

    private ExperimentReader(String file) {
        this.file = file;
    }

    /**
     * Reads {@code path}.
     *
     * @throws ExperimentException for a missing file, a YAML syntax error (with line and column) or a
     *     malformed structure
     */
    public static ExperimentFile read(Path path) {
        ExperimentReader reader = new ExperimentReader(path.toString());
        Node root;
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(in);
        } catch (NoSuchFileException e) {
            throw new ExperimentException(new Problem(new Location(path.toString(), 0, 0), "no such file"));
        } catch (IOException e) {
            throw new ExperimentException(new Problem(new Location(path.toString(), 0, 0),
                    "cannot read: " + e.getMessage()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ExperimentException(new Problem(reader.at(mark),
                    "YAML syntax error: " + e.getProblem() + (e.getContext() == null ? "" : " " + e.getContext())));
        } catch (YAMLException e) {
            throw new ExperimentException(new Problem(new Location(path.toString(), 0, 0),
                    "YAML error: " + e.getMessage()));
        }
        return reader.experiment(path, root);
    }

    private ExperimentFile experiment(Path path, Node root) {
        Location start = new Location(file, 1, 1);
        if (!(root instanceof MappingNode mapping)) {
            throw new ExperimentException(new Problem(root == null ? start : at(root.getStartMark()),
                    "an experiment file is a mapping with keys " + sorted(TOP_KEYS)));
        }
        Map<String, NodeTuple> top = keys(mapping, TOP_KEYS, "top level");
        String name = top.containsKey("experiment") ? scalarText(top.get("experiment").getValueNode()) : null;
        if (name == null) {
            problems.add(new Problem(at(mapping.getStartMark()), "missing key 'experiment' (the study's name)"));
        }
        List<Long> seeds = top.containsKey("seeds") ? seeds(top.get("seeds").getValueNode()) : List.of(1L);
        String store = top.containsKey("store") ? scalarText(top.get("store").getValueNode()) : null;
        Map<String, ExperimentFile.Node> nodes = new LinkedHashMap<>();
        if (!top.containsKey("graph")) {
            problems.add(new Problem(at(mapping.getStartMark()), "missing key 'graph' (the experiment's nodes)"));
        } else if (top.get("graph").getValueNode() instanceof MappingNode graph) {
            for (NodeTuple tuple : graph.getValue()) {
                String nodeName = scalarText(tuple.getKeyNode());
                if (nodeName != null) {
                    nodes.put(nodeName, node(nodeName, tuple.getValueNode()));
                }
            }
        } else {
            problems.add(new Problem(at(top.get("graph").getValueNode().getStartMark()),
                    "'graph' must be a mapping of node names to nodes"));
        }
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
        return new ExperimentFile(path, name, seeds, store, nodes, start);
    }

    private ExperimentFile.Node node(String name, Node yaml) {
        Location location = at(yaml.getStartMark());
        if (!(yaml instanceof MappingNode mapping)) {
            problems.add(new Problem(location, "node '" + name + "' must be a mapping with keys " + sorted(NODE_KEYS)));
            return new ExperimentFile.Node(name, List.of(), Map.of(), List.of(), location);
        }
        Map<String, NodeTuple> keys = keys(mapping, NODE_KEYS, "node '" + name + "'");
        List<ExperimentFile.Value> uses = keys.containsKey("use") ? scalars(keys.get("use").getValueNode()) : List.of();
        if (!keys.containsKey("use")) {
            problems.add(new Problem(location, "node '" + name + "' has no 'use' (which plugin it is)"));
        }
        List<ExperimentFile.Value> inputs =
                keys.containsKey("inputs") ? scalars(keys.get("inputs").getValueNode()) : List.of();
        Map<String, ExperimentFile.Value> with = new LinkedHashMap<>();
        if (keys.containsKey("with")) {
            Node withNode = keys.get("with").getValueNode();
            if (withNode instanceof MappingNode withMapping) {
                for (NodeTuple tuple : withMapping.getValue()) {
                    String key = scalarText(tuple.getKeyNode());
                    if (key != null) {
                        with.put(key, value(tuple.getValueNode(), at(tuple.getKeyNode().getStartMark())));
                    }
                }
            } else if (!isNull(withNode)) {
                problems.add(new Problem(at(withNode.getStartMark()), "node '" + name + "': 'with' must be a mapping"));
            }
        }
        return new ExperimentFile.Node(name, uses, with, inputs, location);
    }

    /** The keys of a mapping, reporting unknown and duplicate ones. */
    private Map<String, NodeTuple> keys(MappingNode mapping, Set<String> allowed, String where) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarText(tuple.getKeyNode());
            if (key == null) {
                continue;
            }
            Location location = at(tuple.getKeyNode().getStartMark());
            if (!allowed.contains(key)) {
                problems.add(new Problem(location, where + ": unknown key '" + key + "'"
                        + Suggestions.didYouMean(key, allowed) + "; valid keys: " + sorted(allowed)));
            } else if (keys.put(key, tuple) != null) {
                problems.add(new Problem(location, where + ": duplicate key '" + key + "'"));
            }
        }
        return keys;
    }

    private List<Long> seeds(Node node) {
        List<Long> seeds = new ArrayList<>();
        for (ExperimentFile.Value value : scalars(node)) {
            if (value.value() instanceof Number number && number.longValue() == number.doubleValue()) {
                seeds.add(number.longValue());
            } else {
                problems.add(new Problem(value.location(), "seeds must be integers, found '" + value.value() + "'"));
            }
        }
        if (seeds.isEmpty()) {
            problems.add(new Problem(at(node.getStartMark()), "seeds must list at least one integer"));
        }
        return seeds;
    }

    /** A scalar or a flow/block list of scalars. */
    private List<ExperimentFile.Value> scalars(Node node) {
        List<ExperimentFile.Value> values = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                values.add(value(item, at(item.getStartMark())));
            }
        } else {
            values.add(value(node, at(node.getStartMark())));
        }
        return values;
    }

    private ExperimentFile.Value value(Node node, Location keyLocation) {
        Location location = at(node.getStartMark());
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(new Problem(location, "expected a single value, found a " + kind(node)));
            return new ExperimentFile.Value(null, location);
        }
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        Object value;
        if (Tag.INT.equals(tag)) {
            value = parseInteger(text);
        } else if (Tag.FLOAT.equals(tag)) {
            value = Double.parseDouble(text.replace("_", ""));
        } else if (Tag.BOOL.equals(tag)) {
            value = Boolean.parseBoolean(text) || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on");
        } else if (Tag.NULL.equals(tag)) {
            value = null;
        } else {
            value = text;
        }
        return new ExperimentFile.Value(value, location);
    }

    private static Object parseInteger(String text) {
        long value = Long.decode(text.replace("_", ""));
        if (value == (int) value) {
            return (int) value;
        }
        return value;
    }

    private String scalarText(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(new Problem(at(node.getStartMark()), "expected a name, found a " + kind(node)));
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private Location at(Mark mark) {
        return mark == null ? new Location(file, 0, 0) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
