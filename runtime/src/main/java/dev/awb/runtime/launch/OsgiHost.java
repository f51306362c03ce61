package dev.awb.runtime.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.nd4j.common.config.ND4JClassLoading;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Apache Felix framework with SCR, FileInstall and the distribution's plugin bundles.
 *
 * <p>Start it with {@link #start(Options)}; it installs every jar of the distribution's bundle folder,
 * starts them, lets FileInstall pick up the plugins folder, and records every bundle that failed to
 * resolve or activate as a {@link BundleProblem} instead of failing, so one broken plugin never takes down
 * the others. Close it to stop the framework and delete its cache.
 */
public final class OsgiHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OsgiHost.class);

    /** Where the host finds its bundles. */
    public record Options(Path bundles, Path plugins) {
    }

    private final Framework framework;
    private final Path storage;
    private final Map<Long, String> startFailures = new HashMap<>();
    private final List<BundleProblem> installFailures = new ArrayList<>();
    private PluginRegistry plugins;

    private OsgiHost(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * Starts the framework and installs the bundles.
     *
     * @throws LaunchException if the framework itself cannot start (a broken plugin does not count)
     */
    public static OsgiHost start(Options options) {
        // ND4J captures the context class loader of the first thread that touches it; a bundle loader there
        // would break ND4J for the life of the JVM, so pin it to the launcher's before any bundle runs.
        ND4JClassLoading.setNd4jClassloader(ND4JClassLoading.class.getClassLoader());
        Path storage = createStorage();
        try {
            Files.createDirectories(options.plugins());
            Framework framework = new Felix(configuration(storage, options.plugins()));
            framework.init();
            framework.start();
            OsgiHost host = new OsgiHost(framework, storage);
            host.plugins = new PluginRegistry(framework.getBundleContext());
            host.installAll(options.bundles());
            host.awaitPlugins(options.plugins());
            return host;
        } catch (BundleException | IOException e) {
            deleteQuietly(storage);
            throw new LaunchException("cannot start the OSGi framework: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> configuration(Path storage, Path plugins) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // A deliberate list: plugins see the SPI and the libraries meant for them, not the host's whole class path.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, HostPackages.fromClassPath());
        config.put("felix.log.level", "1");
        config.put("felix.fileinstall.dir", plugins.toAbsolutePath().toString());
        config.put("felix.fileinstall.poll", "1000");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.log.level", "1");
        config.put("felix.fileinstall.filter", ".*\\.jar");
        return config;
    }

    private void installAll(Path folder) {
        List<Bundle> installed = new ArrayList<>();
        BundleContext context = framework.getBundleContext();
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try {
                    installed.add(context.installBundle(jar.toUri().toString()));
                } catch (BundleException e) {
                    installFailures.add(new BundleProblem(jar.getFileName().toString(), "", jar.toUri().toString(),
                            "cannot be installed: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cannot list the distribution's bundles in " + folder, e);
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                startFailures.put(bundle.getBundleId(), rootMessage(e));
            }
        }
    }

    /** Waits until FileInstall has installed every jar already in the plugins folder (at most 10 s). */
    private void awaitPlugins(Path plugins) throws IOException {
        List<String> expected;
        try (Stream<Path> jars = Files.list(plugins)) {
            expected = jars.filter(p -> p.toString().endsWith(".jar"))
                    .map(p -> p.toAbsolutePath().normalize().toFile().toURI().toString()).toList();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!expected.isEmpty() && System.nanoTime() < deadline) {
            List<String> locations = Stream.of(framework.getBundleContext().getBundles())
                    .map(b -> new File(b.getLocation().replaceFirst("^file:", "")).toURI().normalize().toString())
                    .toList();
            if (locations.containsAll(expected)) {
                awaitSteadyStates(deadline);
                return;
            }
            sleep(100);
        }
        if (!expected.isEmpty()) {
            LOG.warn("FileInstall did not install all of {} within 10 s", expected);
        }
    }

    /**
     * Waits until no bundle changes state for 300 ms: FileInstall installs a scan's bundles first and starts
     * them afterwards, and a failed activation should be seen by the first diagnosis.
     */
    private void awaitSteadyStates(long deadline) {
        String previous = "";
        int steady = 0;
        while (steady < 3 && System.nanoTime() < deadline) {
            StringBuilder states = new StringBuilder();
            for (Bundle bundle : framework.getBundleContext().getBundles()) {
                states.append(bundle.getBundleId()).append(':').append(bundle.getState()).append(' ');
            }
            steady = states.toString().equals(previous) ? steady + 1 : 0;
            previous = states.toString();
            sleep(100);
        }
    }

    /**
     * Installs {@code jar} into the running framework and starts it, like a jar dropped into the plugins folder
     * but synchronously; a failure to resolve or start is recorded for {@link #problems()}, not thrown.
     *
     * @throws BundleException if the framework refuses to install the jar at all
     */
    public Bundle install(Path jar) throws BundleException {
        Bundle bundle = context().installBundle(jar.toAbsolutePath().normalize().toUri().toString());
        try {
            bundle.start();
        } catch (BundleException | RuntimeException e) {
            startFailures.put(bundle.getBundleId(), rootMessage(e));
        }
        return bundle;
    }

    /** The plugins registered now, tracked for the life of this host (a plugin dropped in later appears in it). */
    public PluginRegistry plugins() {
        return plugins;
    }

    /** The framework's bundle context, for diagnostics and tests. */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Every bundle that did not resolve, start or activate, each with its reason. */
    public List<BundleProblem> problems() {
        return new BundleDiagnostics(context(), startFailures, installFailures).problems();
    }

    @Override
    public void close() {
        try {
            plugins.close();
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            LOG.warn("OSGi framework did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(storage);
        }
    }

    private static Path createStorage() {
        try {
            return Files.createTempDirectory("awb-felix-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the OSGi framework cache", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        return t == e ? message : e.getMessage() + " (caused by " + t.getClass().getSimpleName() + ": " + message + ")";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", folder, e);
        }
    }
}
