package dev.awb.runtime.experiment;

import dev.awb.api.Params;
import dev.awb.runtime.launch.PluginDescriptor;

/**
 * A graph node bound to a live plugin, with its parameters checked and defaults filled in.
 *
 * @param node the node's name in the experiment file
 * @param plugin the plugin it uses
 * @param params its resolved parameters
 */
public record ResolvedNode(String node, PluginDescriptor plugin, Params params) {

    /** The plugin object as the kind's interface. */
    public <T> T as(Class<T> kind) {
        return kind.cast(plugin.service());
    }
}
