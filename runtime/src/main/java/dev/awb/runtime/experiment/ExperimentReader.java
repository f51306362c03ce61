package dev.awb.runtime.experiment;

import dev.awb.runtime.device.Device;
import dev.awb.runtime.device.InvalidDeviceException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
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
 * Structural mistakes (unknown keys, a list where a mapping belongs) are collected and thrown together. The file's
 * bytes are checked first ({@link ExperimentSource}: size, encoding, characters), then every mapping for duplicate
 * keys (the node API does not refuse them), then each scalar strictly ({@link YamlScalar}: finite numbers, 64-bit
 * integers, no YAML 1.1 base-60, binary or leading-zero literals), the experiment name ({@link Limits#NAME}) and
 * the seeds (integers, each once).
 */
public final class ExperimentReader {
    static final Set<String> TOP_KEYS = Set.of("experiment", "description", "seeds", "store", "device", "graph",
            "sweep", "tune", "report");
    static final Set<String> TUNE_KEYS = Set.of("budget", "select", "mode");
    static final Set<String> REPORT_KEYS = Set.of("compare", "baseline", "metrics");
    static final Set<String> RANGE_KEYS = Set.of("from", "to", "steps", "scale");
    static final Set<String> NODE_KEYS = Set.of("use", "with", "inputs", "description");

    private final List<Problem> problems = new ArrayList<>();
    private final String file;
    private final Overrides overrides = new Overrides();

    private ExperimentReader(String file) {
        this.file = file;
    }

    /** Reads {@code path} without overrides; see {@link #read(Path, List)}. */
    public static ExperimentFile read(Path path) {
        return read(path, List.of());
    }

    /**
     * Reads {@code path}.
     *
     * @param overrides command-line overrides ({@code PATH=VALUE}), see {@link Overrides}
     * @throws ExperimentException for a missing file, a YAML syntax error (with line and column) or a
     *     malformed structure
     */
    public static ExperimentFile read(Path path, List<String> overrides) {
        ExperimentReader reader = new ExperimentReader(path.toString());
        String text = ExperimentSource.read(path);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ExperimentException(new Problem(reader.at(mark),
                    "YAML syntax error: " + e.getProblem() + (e.getContext() == null ? "" : " " + e.getContext())));
        } catch (ReaderException e) {
            throw new ExperimentException(new Problem(reader.at(text, e.getPosition()), "YAML error: " + e.getMessage()));
        } catch (YAMLException e) {
            throw new ExperimentException(new Problem(new Location(path.toString(), 0, 0),
                    "YAML error: " + e.getMessage()));
        }
        if (root != null) {
            reader.duplicates(root, "top level", java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            if (!reader.problems.isEmpty()) {
                throw new ExperimentException(reader.problems);
            }
        }
        if (root instanceof MappingNode mapping) {
            reader.overrides.apply(mapping, overrides, TOP_KEYS);
        }
        return reader.experiment(path, root);
    }

    /**
     * Reports every key that occurs twice in one mapping, anywhere in the file: YAML mapping keys are unique, and
     * SnakeYAML's node API would otherwise let the last one silently win.
     */
    private void duplicates(Node node, String where, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Node> seen = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (key != null) {
                    Node first = seen.putIfAbsent(key, tuple.getKeyNode());
                    if (first != null) {
                        Location was = at(first);
                        problems.add(new Problem(at(tuple.getKeyNode()), (where.equals("graph") ? "duplicate node name '"
                                : "duplicate key '") + key + "' in " + where + " (first at line " + was.line() + ", column "
                                + was.column() + "): keys of a YAML mapping are unique; remove or rename one"));
                    }
                }
                String child = key == null ? where : where.equals("top level") ? key : where + "." + key;
                duplicates(tuple.getValueNode(), child, visited);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                duplicates(item, where, visited);
            }
        }
    }

    private ExperimentFile experiment(Path path, Node root) {
        Location start = new Location(file, 1, 1);
        if (!(root instanceof MappingNode mapping)) {
            throw new ExperimentException(new Problem(root == null ? start : at(root),
                    "an experiment file is a mapping with keys " + sorted(TOP_KEYS)));
        }
        Map<String, NodeTuple> top = keys(mapping, TOP_KEYS, "top level");
        String name = null;
        if (!top.containsKey("experiment")) {
            problems.add(new Problem(at(mapping), "missing key 'experiment' (the study's name); it must be "
                    + Limits.NAME_RULE));
        } else {
            Node nameNode = top.get("experiment").getValueNode();
            int before = problems.size();
            Object value = value(nameNode, at(nameNode)).value();
            if (problems.size() == before) {
                name = value == null ? null : String.valueOf(value);
                String problem = Limits.nameProblem(name);
                if (problem != null) {
                    problems.add(new Problem(at(nameNode), problem));
                }
            }
        }
        List<Long> seeds = top.containsKey("seeds") ? seeds(top.get("seeds").getValueNode()) : List.of(1L);
        String store = top.containsKey("store") ? scalarText(top.get("store").getValueNode()) : null;
        Device device = top.containsKey("device") ? device(top.get("device").getValueNode()) : null;
        Map<String, ExperimentFile.Node> nodes = new LinkedHashMap<>();
        if (!top.containsKey("graph")) {
            problems.add(new Problem(at(mapping), "missing key 'graph' (the experiment's nodes)"));
        } else if (top.get("graph").getValueNode() instanceof MappingNode graph) {
            for (NodeTuple tuple : graph.getValue()) {
                String nodeName = scalarText(tuple.getKeyNode());
                if (nodeName != null) {
                    nodes.put(nodeName, node(nodeName, tuple.getValueNode()));
                }
            }
        } else {
            problems.add(new Problem(at(top.get("graph").getValueNode()),
                    "'graph' must be a mapping of node names to nodes"));
        }
        List<ExperimentFile.Dimension> sweep = top.containsKey("sweep") ? dimensions(top.get("sweep"), "sweep") : List.of();
        ExperimentFile.Tuning tuning = top.containsKey("tune") ? tuning(top.get("tune")) : null;
        ExperimentFile.ReportSettings report = top.containsKey("report") ? report(top.get("report")) : null;
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
        return new ExperimentFile(path, name, seeds, store, device, nodes, sweep, tuning, report, start,
                top.containsKey("device") ? at(top.get("device").getValueNode()) : start);
    }

    private Device device(Node node) {
        ExperimentFile.Value value = value(node, at(node));
        if (value.value() == YamlScalar.INVALID) {
            return null;
        }
        try {
            return Device.parse(value.value() == null ? null : String.valueOf(value.value()));
        } catch (InvalidDeviceException e) {
            problems.add(new Problem(value.location(), e.getMessage()));
            return null;
        }
    }

    private ExperimentFile.Node node(String name, Node yaml) {
        Location location = at(yaml);
        if (!(yaml instanceof MappingNode mapping)) {
            problems.add(new Problem(location, "node '" + name + "' must be a mapping with keys " + sorted(NODE_KEYS)));
            return new ExperimentFile.Node(name, List.of(), Map.of(), List.of(), location);
        }
        Map<String, NodeTuple> keys = keys(mapping, NODE_KEYS, "node '" + name + "'");
        List<ExperimentFile.Value> uses = keys.containsKey("use") ? scalars(keys.get("use").getValueNode()) : List.of();
        if (!keys.containsKey("use")) {
            problems.add(new Problem(location, "node '" + name + "' has no 'use' (which plugin it is)"));
        } else if (uses.isEmpty()) {
            problems.add(new Problem(at(keys.get("use").getValueNode()), "node '" + name + "': 'use' is an empty list;"
                    + " name the plugin as KIND/NAME (e.g. attention/soft), or list metric plugins"));
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
                        with.put(key, value(tuple.getValueNode(), at(tuple.getKeyNode())));
                    }
                }
            } else if (!isNull(withNode)) {
                problems.add(new Problem(at(withNode), "node '" + name + "': 'with' must be a mapping"));
            }
        }
        return new ExperimentFile.Node(name, uses, with, inputs, location);
    }

    /** The axes under {@code sweep:} or {@code tune: budget:}: lists, ranges, scalars and {@code zip:} groups. */
    private List<ExperimentFile.Dimension> dimensions(NodeTuple section, String where) {
        List<ExperimentFile.Dimension> dimensions = new ArrayList<>();
        if (!(section.getValueNode() instanceof MappingNode mapping)) {
            problems.add(new Problem(at(section.getValueNode()), "'" + where + "' must be a mapping of axis names to"
                    + " values: a list, a range {from, to, steps, scale} or a zip: group"));
            return dimensions;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalarText(tuple.getKeyNode());
            if (name == null) {
                continue;
            }
            if (name.equals("zip")) {
                List<Node> groups = tuple.getValueNode() instanceof SequenceNode list ? list.getValue()
                        : List.of(tuple.getValueNode());
                for (Node group : groups) {
                    zip(group, where).ifPresent(dimensions::add);
                }
            } else {
                axis(name, tuple).ifPresent(axis -> dimensions.add(new ExperimentFile.Dimension(List.of(axis))));
            }
        }
        return dimensions;
    }

    private Optional<ExperimentFile.Dimension> zip(Node group, String where) {
        if (!(group instanceof MappingNode mapping)) {
            problems.add(new Problem(at(group), where + ": 'zip' takes a mapping of axes (or a list of such"
                    + " mappings) whose lists advance together"));
            return Optional.empty();
        }
        List<ExperimentFile.Axis> axes = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalarText(tuple.getKeyNode());
            if (name != null) {
                axis(name, tuple).ifPresent(axes::add);
            }
        }
        if (axes.isEmpty()) {
            return Optional.empty();
        }
        int size = axes.get(0).values().size();
        for (ExperimentFile.Axis axis : axes) {
            if (axis.values().size() != size) {
                problems.add(new Problem(axis.location(), where + ": zipped axes must have equal lengths; '"
                        + axes.get(0).name() + "' has " + size + " values, '" + axis.name() + "' has "
                        + axis.values().size()));
                return Optional.empty();
            }
        }
        return Optional.of(new ExperimentFile.Dimension(List.copyOf(axes)));
    }

    private Optional<ExperimentFile.Axis> axis(String name, NodeTuple tuple) {
        Location location = at(tuple.getKeyNode());
        if (name.equals("seed") || name.equals("seeds")) {
            problems.add(new Problem(location, "seeds are replicates, not a sweep axis: list them under the"
                    + " top-level 'seeds:'"));
            return Optional.empty();
        }
        Node valueNode = tuple.getValueNode();
        int before = problems.size();
        List<ExperimentFile.Value> values = valueNode instanceof MappingNode range ? range(name, range)
                : scalars(valueNode);
        if (values.isEmpty() && problems.size() == before) {
            problems.add(new Problem(location, "sweep axis '" + name + "' has no values"));
            return Optional.empty();
        }
        return Optional.of(new ExperimentFile.Axis(name, values, location));
    }

    /** The values of a range {@code {from, to, steps, scale: linear|log}}; integers step by 1 without steps. */
    private List<ExperimentFile.Value> range(String name, MappingNode mapping) {
        Map<String, NodeTuple> keys = keys(mapping, RANGE_KEYS, "range of '" + name + "'");
        Location location = at(mapping);
        if (!keys.containsKey("from") || !keys.containsKey("to")) {
            problems.add(new Problem(location, "range of '" + name + "' needs 'from' and 'to'"));
            return List.of();
        }
        int before = problems.size();
        Object from = numeric(value(keys.get("from").getValueNode(), location).value());
        Object to = numeric(value(keys.get("to").getValueNode(), location).value());
        Object steps = keys.containsKey("steps") ? value(keys.get("steps").getValueNode(), location).value() : null;
        String scale = keys.containsKey("scale") ? String.valueOf(value(keys.get("scale").getValueNode(), location).value())
                : "linear";
        if (problems.size() > before) {
            return List.of();
        }
        if (!(from instanceof Number f) || !(to instanceof Number t)) {
            problems.add(new Problem(location, "range of '" + name + "': 'from' and 'to' must be numbers, found "
                    + from + " and " + to));
            return List.of();
        }
        if (!scale.equals("linear") && !scale.equals("log")) {
            problems.add(new Problem(location, "range of '" + name + "': scale must be one of [linear, log], found '"
                    + scale + "'"));
            return List.of();
        }
        boolean integers = from instanceof Integer && to instanceof Integer && scale.equals("linear");
        List<ExperimentFile.Value> values = new ArrayList<>();
        if (steps == null) {
            if (!integers) {
                problems.add(new Problem(location, "range of '" + name + "' needs 'steps' (the number of values)"
                        + " unless from and to are integers on a linear scale"));
                return List.of();
            }
            long count = Math.abs((long) t.intValue() - f.intValue()) + 1;
            if (count > Limits.MAX_TRIALS) {
                problems.add(new Problem(location, "range of '" + name + "' has " + count + " values; a study is limited"
                        + " to " + Limits.MAX_TRIALS + " trials (give 'steps', or a shorter range)"));
                return List.of();
            }
            int step = t.intValue() >= f.intValue() ? 1 : -1;
            for (int v = f.intValue(); v != t.intValue() + step; v += step) {
                values.add(new ExperimentFile.Value(v, location));
            }
            return values;
        }
        if (!(steps instanceof Integer n) || n < 2 || n > Limits.MAX_TRIALS) {
            problems.add(new Problem(location, "range of '" + name + "': 'steps' must be an integer in [2, "
                    + Limits.MAX_TRIALS + "] (a study is limited to " + Limits.MAX_TRIALS + " trials), found '"
                    + steps + "'"));
            return List.of();
        }
        if (scale.equals("log") && (f.doubleValue() <= 0 || t.doubleValue() <= 0)) {
            problems.add(new Problem(location, "range of '" + name + "': a log scale needs positive 'from' and 'to',"
                    + " found " + from + " and " + to));
            return List.of();
        }
        for (int i = 0; i < n; i++) {
            double fraction = i / (double) (n - 1);
            double v = scale.equals("log")
                    ? Math.exp(Math.log(f.doubleValue()) + fraction * (Math.log(t.doubleValue()) - Math.log(f.doubleValue())))
                    : f.doubleValue() + fraction * (t.doubleValue() - f.doubleValue());
            double rounded = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
            values.add(new ExperimentFile.Value(integers && rounded == Math.rint(rounded) ? (Object) (int) rounded
                    : (Object) rounded, location));
        }
        return values;
    }

    private ExperimentFile.Tuning tuning(NodeTuple section) {
        if (!(section.getValueNode() instanceof MappingNode mapping)) {
            problems.add(new Problem(at(section.getValueNode()), "'tune' must be a mapping with keys " + sorted(TUNE_KEYS)));
            return null;
        }
        Map<String, NodeTuple> keys = keys(mapping, TUNE_KEYS, "tune");
        if (!keys.containsKey("budget") || !keys.containsKey("select")) {
            problems.add(new Problem(at(mapping), "'tune' needs 'budget' (the axes every compared value is"
                    + " searched over, e.g. optimizer.with.lr: [1e-4, 3e-4, 1e-3]) and 'select' (the validation metric"
                    + " that picks the best, e.g. validation.accuracy)"));
            return null;
        }
        ExperimentFile.Value select = value(keys.get("select").getValueNode(), at(keys.get("select").getKeyNode()));
        String mode = null;
        if (keys.containsKey("mode")) {
            ExperimentFile.Value m = value(keys.get("mode").getValueNode(), at(keys.get("mode").getKeyNode()));
            mode = String.valueOf(m.value());
            if (!mode.equals("max") && !mode.equals("min")) {
                problems.add(new Problem(m.location(), "tune: mode must be one of [max, min], found '" + mode + "'"));
            }
        }
        return new ExperimentFile.Tuning(dimensions(keys.get("budget"), "tune.budget"), select, mode);
    }

    private ExperimentFile.ReportSettings report(NodeTuple section) {
        if (!(section.getValueNode() instanceof MappingNode mapping)) {
            problems.add(new Problem(at(section.getValueNode()), "'report' must be a mapping with keys "
                    + sorted(REPORT_KEYS)));
            return null;
        }
        Map<String, NodeTuple> keys = keys(mapping, REPORT_KEYS, "report");
        ExperimentFile.Value compare = keys.containsKey("compare")
                ? value(keys.get("compare").getValueNode(), at(keys.get("compare").getKeyNode())) : null;
        ExperimentFile.Value baseline = keys.containsKey("baseline")
                ? value(keys.get("baseline").getValueNode(), at(keys.get("baseline").getKeyNode())) : null;
        List<ExperimentFile.Value> metrics = keys.containsKey("metrics") ? scalars(keys.get("metrics").getValueNode())
                : List.of();
        return new ExperimentFile.ReportSettings(compare, baseline, metrics);
    }

    /** The keys of a mapping, reporting unknown and duplicate ones. */
    private Map<String, NodeTuple> keys(MappingNode mapping, Set<String> allowed, String where) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarText(tuple.getKeyNode());
            if (key == null) {
                continue;
            }
            Location location = at(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(new Problem(location, where + ": unknown key '" + key + "'"
                        + Suggestions.didYouMean(key, allowed) + "; valid keys: " + sorted(allowed)));
            } else {
                keys.putIfAbsent(key, tuple);
            }
        }
        return keys;
    }

    private List<Long> seeds(Node node) {
        List<Long> seeds = new ArrayList<>();
        Map<Long, Location> seen = new LinkedHashMap<>();
        int before = problems.size();
        for (ExperimentFile.Value value : scalars(node)) {
            if (value.value() == YamlScalar.INVALID) {
                continue;
            }
            if (value.value() instanceof Integer || value.value() instanceof Long) {
                long seed = ((Number) value.value()).longValue();
                Location first = seen.putIfAbsent(seed, value.location());
                if (first != null) {
                    problems.add(new Problem(value.location(), "seed " + seed + " is listed twice (first at line "
                            + first.line() + ", column " + first.column() + "): seeds are replicates, each runs once"));
                } else {
                    seeds.add(seed);
                }
            } else {
                problems.add(new Problem(value.location(), "seeds must be integers, found '" + value.value() + "'"));
            }
        }
        if (seeds.isEmpty() && problems.size() == before) {
            problems.add(new Problem(at(node), "seeds must list at least one integer"));
        }
        return seeds;
    }

    /** A number written as text ({@code 1e-4}: YAML 1.1 reads a float without a dot as a string) as a Double. */
    private static Object numeric(Object value) {
        if (value instanceof String text && text.trim().matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            double number = Double.parseDouble(text.trim());
            return Double.isFinite(number) ? number : value;
        }
        return value;
    }

    /** A scalar or a flow/block list of scalars. */
    private List<ExperimentFile.Value> scalars(Node node) {
        List<ExperimentFile.Value> values = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                values.add(value(item, at(item)));
            }
        } else {
            values.add(value(node, at(node)));
        }
        return values;
    }

    /**
     * The value of a scalar node; for anything else, or a scalar that cannot be read (see {@link YamlScalar}), a
     * problem at its position and the value {@link YamlScalar#INVALID}.
     */
    private ExperimentFile.Value value(Node node, Location keyLocation) {
        Location location = at(node);
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(new Problem(location, "expected a single value, found a " + kind(node)));
            return new ExperimentFile.Value(YamlScalar.INVALID, location);
        }
        YamlScalar value = YamlScalar.of(scalar);
        if (value.problem() != null) {
            problems.add(new Problem(location, value.problem()));
        }
        return new ExperimentFile.Value(value.value(), location);
    }

    private String scalarText(Node node) {
        if (node instanceof ScalarNode scalar) {
            if (Tag.NULL.equals(scalar.getTag()) && scalar.getValue().isEmpty()) {
                problems.add(new Problem(at(node), "expected a name, found nothing"));
                return null;
            }
            return scalar.getValue();
        }
        problems.add(new Problem(at(node), "expected a name, found a " + kind(node)));
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private Location at(Node node) {
        String origin = overrides.origins().get(node);
        return origin != null ? new Location("command line (" + origin + ")", 1, 1) : at(node.getStartMark());
    }

    /** The position of character {@code offset} of {@code text}. */
    private Location at(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    private Location at(Mark mark) {
        return mark == null ? new Location(file, 0, 0) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
