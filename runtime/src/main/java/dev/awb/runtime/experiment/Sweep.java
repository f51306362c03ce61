package dev.awb.runtime.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The points of an experiment's sweep and tuning budget, and the concrete experiment at each point.
 *
 * <p>An axis is either a parameter path — {@code NODE.use} or {@code NODE.with.PARAM} — or a variable that
 * node values reference as {@code ${NAME}} in {@code use}, {@code with} or {@code inputs} (a value that is exactly
 * {@code ${NAME}} takes the axis value with its type; inside a longer string it is substituted as text). A
 * variable in {@code inputs} picks which node another reads, e.g. one of several dataset nodes, each with its own
 * parameters: {@code inputs: [model, "${task}", optimizer]} with {@code task: [mqar, copy]}. The points are the
 * Cartesian product of the dimensions, sweep dimensions first, budget dimensions last; zipped axes advance
 * together. Seeds are not axes: every point runs once per seed.
 */
final class Sweep {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** One point: the value of every axis, in axis order. */
    record Point(Map<ExperimentFile.Axis, ExperimentFile.Value> values) {
        /** The axis values as labels, axis name to value text. */
        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            values.forEach((axis, value) -> labels.put(axis.name(), String.valueOf(value.value())));
            return labels;
        }
    }

    private final ExperimentFile file;
    private final List<ExperimentFile.Dimension> dimensions = new ArrayList<>();
    private final List<Problem> problems;

    Sweep(ExperimentFile file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
        dimensions.addAll(file.sweep());
        if (file.tuning() != null) {
            dimensions.addAll(file.tuning().budget());
        }
        check();
    }

    /** Every axis, sweep axes first. */
    List<ExperimentFile.Axis> axes() {
        return dimensions.stream().flatMap(d -> d.axes().stream()).toList();
    }

    /** The number of points, the product of the dimension sizes (Long.MAX_VALUE when that overflows). */
    long size() {
        long n = 1;
        for (ExperimentFile.Dimension dimension : dimensions) {
            n = saturatedProduct(n, dimension.size());
        }
        return n;
    }

    static long saturatedProduct(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /**
     * Refuses a plan of more than {@link Limits#MAX_TRIALS} trials from its count alone, before any point is built.
     *
     * @throws ExperimentException naming the dimensions and the count
     */
    void checkCount(int seeds) {
        long trials = saturatedProduct(size(), seeds);
        if (trials <= Limits.MAX_TRIALS) {
            return;
        }
        StringBuilder product = new StringBuilder();
        for (ExperimentFile.Dimension dimension : dimensions) {
            product.append(dimension.size()).append(' ')
                    .append(String.join("+", dimension.axes().stream().map(ExperimentFile.Axis::name).toList()))
                    .append(" x ");
        }
        product.append(seeds).append(seeds == 1 ? " seed" : " seeds");
        String count = trials == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.format(java.util.Locale.ROOT,
                "%,d", trials);
        Location where = axes().isEmpty() ? file.location() : axes().get(0).location();
        throw new ExperimentException(new Problem(where, "the sweep makes " + product + " = " + count
                + " trials; a study is limited to " + String.format(java.util.Locale.ROOT, "%,d", Limits.MAX_TRIALS)
                + " trials: sweep fewer values, or split the study"));
    }

    /** The points in order: the last dimension varies fastest. */
    List<Point> points() {
        List<Point> points = new ArrayList<>();
        points.add(new Point(new LinkedHashMap<>()));
        for (ExperimentFile.Dimension dimension : dimensions) {
            List<Point> next = new ArrayList<>();
            for (Point point : points) {
                for (int i = 0; i < dimension.size(); i++) {
                    Map<ExperimentFile.Axis, ExperimentFile.Value> values = new LinkedHashMap<>(point.values());
                    for (ExperimentFile.Axis axis : dimension.axes()) {
                        values.put(axis, axis.values().get(i));
                    }
                    next.add(new Point(values));
                }
            }
            points = next;
        }
        return points;
    }

    /** The experiment with {@code point}'s values in place. */
    ExperimentFile apply(Point point) {
        Map<String, ExperimentFile.Value> variables = new LinkedHashMap<>();
        Map<String, ExperimentFile.Node> nodes = new LinkedHashMap<>();
        file.nodes().forEach((name, node) -> nodes.put(name, node));
        point.values().forEach((axis, value) -> {
            if (!axis.isPath()) {
                variables.put(axis.name(), value);
            }
        });
        for (Map.Entry<String, ExperimentFile.Node> entry : nodes.entrySet()) {
            ExperimentFile.Node node = entry.getValue();
            List<ExperimentFile.Value> uses = node.uses().stream().map(v -> substitute(v, variables)).toList();
            Map<String, ExperimentFile.Value> with = new LinkedHashMap<>();
            node.with().forEach((key, v) -> with.put(key, substitute(v, variables)));
            List<ExperimentFile.Value> inputs = node.inputs().stream().map(v -> substitute(v, variables)).toList();
            entry.setValue(new ExperimentFile.Node(node.name(), uses, with, inputs, node.location()));
        }
        point.values().forEach((axis, value) -> {
            if (!axis.isPath()) {
                return;
            }
            String[] path = axis.name().split("\\.", 3);
            ExperimentFile.Node node = nodes.get(path[0]);
            if (path[1].equals("use")) {
                String text = String.valueOf(value.value());
                String current = node.uses().isEmpty() ? "" : String.valueOf(node.uses().get(0).value());
                if (!text.contains("/") && current.contains("/")) {
                    text = current.substring(0, current.indexOf('/') + 1) + text;
                }
                nodes.put(path[0], new ExperimentFile.Node(node.name(),
                        List.of(new ExperimentFile.Value(text, value.location())), node.with(), node.inputs(),
                        node.location()));
            } else {
                Map<String, ExperimentFile.Value> with = new LinkedHashMap<>(node.with());
                with.put(path[2], value);
                nodes.put(path[0], new ExperimentFile.Node(node.name(), node.uses(), with, node.inputs(),
                        node.location()));
            }
        });
        return new ExperimentFile(file.path(), file.name(), file.seeds(), file.store(), file.device(), nodes, file.sweep(),
                file.tuning(), file.report(), file.location(), file.deviceLocation());
    }

    private static ExperimentFile.Value substitute(ExperimentFile.Value value, Map<String, ExperimentFile.Value> variables) {
        if (!(value.value() instanceof String text) || !text.contains("${")) {
            return value;
        }
        Matcher whole = VARIABLE.matcher(text);
        if (whole.matches() && variables.containsKey(whole.group(1))) {
            return new ExperimentFile.Value(variables.get(whole.group(1)).value(), value.location());
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            ExperimentFile.Value replacement = variables.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    replacement == null ? matcher.group() : String.valueOf(replacement.value())));
        }
        matcher.appendTail(out);
        return new ExperimentFile.Value(out.toString(), value.location());
    }

    /** Axis paths name real nodes; every variable is used and every reference is an axis. */
    private void check() {
        Set<String> names = new LinkedHashSet<>();
        Set<String> variables = new LinkedHashSet<>();
        for (ExperimentFile.Axis axis : axes()) {
            if (!names.add(axis.name())) {
                problems.add(new Problem(axis.location(), "axis '" + axis.name() + "' appears twice"));
            }
            if (!axis.isPath()) {
                variables.add(axis.name());
                continue;
            }
            String[] path = axis.name().split("\\.", 3);
            if (!file.nodes().containsKey(path[0])) {
                problems.add(new Problem(axis.location(), "axis '" + axis.name() + "': no node '" + path[0] + "'"
                        + Suggestions.didYouMean(path[0], file.nodes().keySet()) + "; nodes: "
                        + List.copyOf(file.nodes().keySet())));
            } else if (!(path[1].equals("use") && path.length == 2) && !(path[1].equals("with") && path.length == 3)) {
                problems.add(new Problem(axis.location(), "axis '" + axis.name() + "': a parameter path is NODE.use"
                        + " or NODE.with.PARAM (a name without dots is a variable used as ${NAME})"));
            }
        }
        Set<String> referenced = new LinkedHashSet<>();
        for (ExperimentFile.Node node : file.nodes().values()) {
            List<ExperimentFile.Value> values = new ArrayList<>(node.uses());
            values.addAll(node.with().values());
            values.addAll(node.inputs());
            for (ExperimentFile.Value value : values) {
                if (!(value.value() instanceof String text)) {
                    continue;
                }
                Matcher matcher = VARIABLE.matcher(text);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    referenced.add(name);
                    if (!variables.contains(name)) {
                        problems.add(new Problem(value.location(), "node '" + node.name() + "': '${" + name
                                + "}' is not a sweep axis" + Suggestions.didYouMean(name, variables)
                                + "; variables: " + List.copyOf(variables)));
                    }
                }
            }
        }
        for (ExperimentFile.Axis axis : axes()) {
            if (!axis.isPath() && !referenced.contains(axis.name())) {
                problems.add(new Problem(axis.location(), "sweep variable '" + axis.name() + "' is not used: reference"
                        + " it as ${" + axis.name() + "} in a node's use, with or inputs, or name a parameter path such as"
                        + " optimizer.with.lr"));
            }
        }
    }
}
