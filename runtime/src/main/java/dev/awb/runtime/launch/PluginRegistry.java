package dev.awb.runtime.launch;

import dev.awb.api.Configurable;
import dev.awb.api.Plugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The plugins currently registered in the OSGi service registry, found by their {@code awb.plugin.*} service
 * properties and tracked with a {@link ServiceTracker}. The runtime never names a plugin class: whatever bundles
 * register is what exists.
 *
 * <p>The registry gets each plugin's service once, when it appears, and releases it ({@code ungetService}) when it
 * goes: when its bundle stops, is updated or is uninstalled (FileInstall replacing a jar), and for all plugins when
 * the registry is {@link #close() closed}. A plugin object handed out stays usable for as long as its bundle runs;
 * callers hold it for a trial rather than asking again per call.
 *
 * <p>Several versions of one plugin may be installed side by side (two jars of one bundle in {@code plugins/});
 * {@link #find(String, String)} picks the highest (what planning a study resolves a file's {@code use:} to) and
 * {@link #find(String, String, String)} a given one (what a study's workers bind its frozen trials to, so a newer
 * jar dropped into {@code plugins/} while a study runs does not change what its remaining trials use).
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Comparator<PluginDescriptor> NEWEST_FIRST = Comparator
            .comparing((PluginDescriptor p) -> Version.parseVersion(p.version())).reversed();

    private final ServiceTracker<Object, PluginDescriptor> tracker;

    /** Starts tracking the plugins registered in {@code context}'s framework; {@link #close()} releases them. */
    PluginRegistry(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, pluginFilter(), new Customizer(context));
        tracker.open();
    }

    private static Filter pluginFilter() {
        try {
            return FrameworkUtil.createFilter("(" + Plugin.KIND_PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every registered plugin, ordered by kind and name, and within one name by version, highest first. */
    public List<PluginDescriptor> all() {
        List<PluginDescriptor> plugins = new ArrayList<>(tracker.getTracked().values());
        plugins.sort(Comparator.comparing(PluginDescriptor::kind).thenComparing(PluginDescriptor::name)
                .thenComparing(NEWEST_FIRST));
        return plugins;
    }

    /** The highest installed version of the plugin {@code kind/name}, if registered. */
    public Optional<PluginDescriptor> find(String kind, String name) {
        return all().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst();
    }

    /**
     * The plugin {@code kind/name} served by a bundle of exactly {@code version} (OSGi version syntax, so
     * {@code 1.0} and {@code 1.0.0} are the same), if registered.
     *
     * @throws IllegalArgumentException if {@code version} is not a version
     */
    public Optional<PluginDescriptor> find(String kind, String name, String version) {
        Version wanted = Version.parseVersion(version);
        return all().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)
                && Version.parseVersion(p.version()).equals(wanted)).findFirst();
    }

    /** The versions of {@code kind/name} installed, highest first; empty when there is no such plugin. */
    public List<String> versions(String kind, String name) {
        return all().stream().filter(p -> p.kind().equals(kind) && p.name().equals(name))
                .map(PluginDescriptor::version).distinct().toList();
    }

    /** The sorted names of the registered plugins of {@code kind}. */
    public List<String> names(String kind) {
        return all().stream().filter(p -> p.kind().equals(kind)).map(PluginDescriptor::name).distinct().sorted()
                .toList();
    }

    /** Stops tracking and releases every plugin service this registry got. */
    @Override
    public void close() {
        tracker.close();
    }

    /** Gets a plugin's service when it is registered and releases it when it goes. */
    private record Customizer(BundleContext context) implements ServiceTrackerCustomizer<Object, PluginDescriptor> {
        @Override
        public PluginDescriptor addingService(ServiceReference<Object> reference) {
            Object service = context.getService(reference);
            if (service instanceof Configurable configurable) {
                return new PluginDescriptor(property(reference, Plugin.KIND_PROPERTY),
                        property(reference, Plugin.NAME_PROPERTY), reference.getBundle().getVersion().toString(),
                        reference.getBundle().getSymbolicName(), reference.getBundle().getLocation(),
                        property(reference, Plugin.SUMMARY_PROPERTY), configurable);
            }
            // Not a plugin after all (or its component failed to activate): not tracked, so release it now.
            if (service != null) {
                context.ungetService(reference);
            }
            return null;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, PluginDescriptor plugin) {
            // Plugin properties come from the @Plugin annotation and do not change while a bundle runs.
        }

        @Override
        public void removedService(ServiceReference<Object> reference, PluginDescriptor plugin) {
            context.ungetService(reference);
        }
    }

    private static String property(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        return value == null ? "" : value.toString();
    }
}
