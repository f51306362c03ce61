package dev.awb.api;

import java.util.Objects;

/**
 * A plugin taken from a node of the experiment graph together with that node's resolved parameters, as one
 * plugin hands it to another (a model receives its attention mechanism, positional encoding and pooling as parts).
 *
 * @param plugin the plugin object, as its kind's interface
 * @param params its resolved parameters
 * @param <T> the kind's interface
 */
public record Part<T>(T plugin, Params params) {
    public Part {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(params, "params");
    }

    /** {@code plugin} with the defaults of its declared parameters. */
    public static <T extends Configurable> Part<T> withDefaults(T plugin) {
        return new Part<>(plugin, Params.defaults(plugin.params()));
    }
}
