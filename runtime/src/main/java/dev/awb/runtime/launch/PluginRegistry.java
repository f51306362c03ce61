package dev.awb.runtime.launch;

import dev.awb.api.Configurable;
import dev.awb.api.Plugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The plugins currently registered in the OSGi service registry, found by their {@code awb.plugin.*}
 * service properties. The runtime never names a plugin class: whatever bundles register is what exists.
 */
public final class PluginRegistry {
    private final BundleContext context;

    public PluginRegistry(BundleContext context) {
        this.context = context;
    }

    /** Every registered plugin, ordered by kind and name. */
    public List<PluginDescriptor> all() {
        List<PluginDescriptor> plugins = new ArrayList<>();
        try {
            ServiceReference<?>[] references = context.getServiceReferences((String) null,
                    "(" + Plugin.KIND_PROPERTY + "=*)");
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                Object service = context.getService(reference);
                if (service instanceof Configurable configurable) {
                    plugins.add(new PluginDescriptor(property(reference, Plugin.KIND_PROPERTY),
                            property(reference, Plugin.NAME_PROPERTY),
                            reference.getBundle().getVersion().toString(),
                            reference.getBundle().getSymbolicName(),
                            property(reference, Plugin.SUMMARY_PROPERTY), configurable));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        plugins.sort(Comparator.comparing(PluginDescriptor::kind).thenComparing(PluginDescriptor::name));
        return plugins;
    }

    /** The plugin {@code kind/name}, if registered. */
    public Optional<PluginDescriptor> find(String kind, String name) {
        return all().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst();
    }

    /** The sorted names of the registered plugins of {@code kind}. */
    public List<String> names(String kind) {
        return all().stream().filter(p -> p.kind().equals(kind)).map(PluginDescriptor::name).distinct().sorted()
                .toList();
    }

    private static String property(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        return value == null ? "" : value.toString();
    }
}
