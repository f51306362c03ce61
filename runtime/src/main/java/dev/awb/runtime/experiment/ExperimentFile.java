package dev.awb.runtime.experiment;

import dev.awb.runtime.device.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An experiment file as written, before it is checked against the plugins: every value keeps its position
 * so that later errors can point at it.
 *
 * @param path the file
 * @param name the {@code experiment:} name
 * @param seeds the replicate seeds
 * @param store the {@code store:} path or JDBC URL, or null for the default
 * @param device the {@code device:} the trials run on ({@code cpu}, {@code cuda}, {@code cuda:N}), or null for
 *     the default; an execution setting, not part of any trial's configuration or id
 * @param nodes the graph's nodes in file order
 * @param sweep the sweep's dimensions (each one axis, or several zipped axes), empty without a sweep
 * @param tuning the equal-budget tuning policy, or null
 * @param report what the report compares, or null for the defaults
 * @param location where the file starts
 * @param deviceLocation where {@code device:} is written (or the override that set it); {@code location} without one
 */
public record ExperimentFile(Path path, String name, List<Long> seeds, String store, Device device,
        Map<String, Node> nodes,
        List<Dimension> sweep, Tuning tuning, ReportSettings report, Location location, Location deviceLocation) {

    /** A file whose device, if any, is located at its start. */
    public ExperimentFile(Path path, String name, List<Long> seeds, String store, Device device, Map<String, Node> nodes,
            List<Dimension> sweep, Tuning tuning, ReportSettings report, Location location) {
        this(path, name, seeds, store, device, nodes, sweep, tuning, report, location, location);
    }

    /**
     * One sweep axis: a parameter path ({@code optimizer.with.lr}, {@code attention.use}) or a variable that
     * node values reference as {@code ${name}}, and the values it takes.
     */
    public record Axis(String name, List<Value> values, Location location) {
        public boolean isPath() {
            return name.contains(".");
        }
    }

    /** Axes that advance together (zipped); an ordinary axis is a dimension of its own. */
    public record Dimension(List<Axis> axes) {
        public int size() {
            return axes.get(0).values().size();
        }
    }

    /**
     * The equal-budget policy: every point of the compared axes gets the same search over {@code budget}; the
     * best budget point is chosen on {@code select} (e.g. {@code validation.accuracy}), maximised or minimised.
     */
    public record Tuning(List<Dimension> budget, Value select, String mode) {
    }

    /** What the report compares: an axis, its baseline value, and the metrics of the headline table. */
    public record ReportSettings(Value compare, Value baseline, List<Value> metrics) {
    }

    /** A scalar value from the file and where it is. */
    public record Value(Object value, Location location) {
    }

    /**
     * One graph node.
     *
     * @param name the node's key under {@code graph:}
     * @param uses what it uses: one or more {@code kind/name} strings (or {@code trainer}), with positions
     * @param with the parameters, by key
     * @param inputs the names of the nodes it reads, with positions
     * @param location where the node is defined
     */
    public record Node(String name, List<Value> uses, Map<String, Value> with, List<Value> inputs,
            Location location) {
    }
}
