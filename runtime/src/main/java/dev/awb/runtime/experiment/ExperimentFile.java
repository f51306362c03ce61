package dev.awb.runtime.experiment;

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
 * @param nodes the graph's nodes in file order
 * @param location where the file starts
 */
public record ExperimentFile(Path path, String name, List<Long> seeds, String store, Map<String, Node> nodes,
        Location location) {

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
