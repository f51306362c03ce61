package dev.awb.runtime.launch;

import dev.awb.api.Configurable;
import dev.awb.api.ParamSpec;
import java.util.List;

/**
 * One plugin found in the service registry: its identity, where it comes from and its service object.
 *
 * @param kind e.g. {@code attention}
 * @param name e.g. {@code soft}
 * @param version the version of the bundle that registered it
 * @param bundle that bundle's symbolic name
 * @param location where that bundle was installed from (a {@code file:} URI of its jar)
 * @param summary one line from the plugin's {@code @Plugin} annotation
 * @param service the plugin object, to be cast to the kind's interface
 */
public record PluginDescriptor(String kind, String name, String version, String bundle, String location,
        String summary, Configurable service) {

    /** {@code kind/name}, as written in experiment files. */
    public String id() {
        return kind + "/" + name;
    }

    /** The plugin's parameter declarations. */
    public List<ParamSpec> params() {
        return service.params();
    }
}
