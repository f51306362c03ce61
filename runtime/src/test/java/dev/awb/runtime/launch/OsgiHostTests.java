package dev.awb.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Starts the real Felix with the real distribution bundles: what it exports to them, how it tracks their plugins. */
public class OsgiHostTests {
    public static final List<String> DISTRIBUTED_PLUGINS = List.of("attention/hard", "attention/interactive",
            "attention/linear", "attention/soft",
            "dataset/induction-heads", "dataset/listops", "dataset/mqar", "dataset/reverse", "dataset/selective-copy",
            "dataset/sequence-from-image", "dataset/sort", "dataset/text-classification", "dataset/token-tagging",
            "metric/accuracy", "metric/attention-drift", "metric/attention-entropy", "metric/confusion-matrix",
            "metric/entity-f1", "metric/f1", "metric/loss", "metric/parameters", "metric/peak-memory",
            "metric/perplexity", "metric/precision", "metric/recall", "metric/throughput", "model/transformer-encoder",
            "optimizer/adagrad", "optimizer/adam", "optimizer/adamw", "optimizer/rmsprop", "optimizer/sgd",
            "pooling/attention", "pooling/mean", "positional/learned", "positional/sinusoidal");

    @TempDir
    Path plugins;

    /** Where tests keep bundles they install themselves, outside FileInstall's folder. */
    @TempDir
    Path elsewhere;

    private OsgiHost start() {
        return OsgiHost.start(new OsgiHost.Options(Path.of(System.getProperty("awb.dist")).resolve("bundles"), plugins));
    }

    private static List<String> pluginIds(OsgiHost host) {
        return host.plugins().all().stream().map(PluginDescriptor::id).toList();
    }

    @Test
    void everyDistributedPluginResolvesAndActivates() {
        try (OsgiHost host = start()) {
            assertEquals(List.of(), host.problems());
            for (Bundle bundle : host.context().getBundles()) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is not active");
            }
            assertEquals(DISTRIBUTED_PLUGINS, pluginIds(host));
            assertTrue(Stream.of(host.context().getBundles()).anyMatch(b -> "org.apache.felix.scr".equals(b.getSymbolicName())));
            assertTrue(Stream.of(host.context().getBundles())
                    .anyMatch(b -> "org.apache.felix.fileinstall".equals(b.getSymbolicName())));
        }
    }

    @Test
    void namesBundleWithMissingPackageAndKeepsTheOthersWorking() throws Exception {
        TestBundles.withMissingImport(plugins, "dev.awb.test.broken", "dev.awb.nowhere;version=\"[1.0,2)\"");
        try (OsgiHost host = start()) {
            List<BundleProblem> problems = host.problems();
            assertEquals(1, problems.size(), problems.toString());
            BundleProblem problem = problems.get(0);
            assertEquals("dev.awb.test.broken", problem.bundle());
            assertEquals("1.2.3", problem.version());
            assertEquals("missing package dev.awb.nowhere (wanted [1.0.0,2.0.0))", problem.reason());
            assertEquals(DISTRIBUTED_PLUGINS, pluginIds(host));
        }
    }

    @Test
    void findsTheHighestVersionOrAnExactOne() throws Exception {
        TestBundles.withFailingDataset(plugins, "1.0.0", "failing-1.0.0");
        TestBundles.withFailingDataset(plugins, "1.1.0", "failing-1.1.0");
        try (OsgiHost host = start()) {
            PluginRegistry registry = host.plugins();
            assertEquals(List.of("1.1.0", "1.0.0"), registry.versions("dataset", "failing"));
            assertEquals("1.1.0", registry.find("dataset", "failing").orElseThrow().version());
            assertEquals("1.0.0", registry.find("dataset", "failing", "1.0.0").orElseThrow().version());
            assertEquals("1.0.0", registry.find("dataset", "failing", "1.0").orElseThrow().version());
            assertTrue(registry.find("dataset", "failing", "0.9.0").isEmpty());
        }
    }

    @Test
    void namesComponentWhoseActivationThrows() throws Exception {
        TestBundles.withThrowingComponent(plugins);
        try (OsgiHost host = start()) {
            List<BundleProblem> problems = host.problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals("dev.awb.test.throwing", problems.get(0).bundle());
            assertTrue(problems.get(0).reason().contains("failed to activate"), problems.get(0).reason());
            assertTrue(problems.get(0).reason().contains("deliberately broken plugin"), problems.get(0).reason());
            assertEquals(DISTRIBUTED_PLUGINS, pluginIds(host));
        }
    }

    @Test
    void exportsTheSpiAndItsLibrariesWithTheirVersions() {
        try (OsgiHost host = start()) {
            Map<String, List<String>> exported = systemExports(host);
            assertEquals(List.of("1.0.0"), exported.get("dev.awb.api"));
            assertEquals(List.of("2.0.0"), exported.get("dev.awb.api.attention"));
            assertEquals(List.of("3.0.0"), exported.get("dev.awb.api.optimizer"));
            assertEquals(List.of("1.1.0"), exported.get("dev.awb.api.support.attention"), "1.1.0: Heads.projectFused");
            assertEquals(List.of("1.0.0"), exported.get("dev.awb.api.support.optimizer"));
            assertEquals(List.of("1.0.0.M2_1"), exported.get("org.nd4j.autodiff.samediff"), "ND4J at its Maven version");
            assertEquals(List.of("1.0.0.M2_1"), exported.get("org.nd4j.linalg.learning.config"));
            assertEquals(List.of("0.43.1"), exported.get("tech.tablesaw.api"));
            assertEquals(List.of("1.5.1"), exported.get("org.osgi.service.component"), "SCR needs [1.5,1.6)");
            assertTrue(exported.get("org.slf4j").containsAll(List.of("2.0.16", "1.7.36")), "both of slf4j-api's versions");
            assertTrue(exported.containsKey("com.fasterxml.jackson.dataformat.csv"), "datasets-files reads CSV");
            assertEquals(List.of("1.0.0"), exported.get("dev.awb.runtime.ui.spi"), "the workbench's view SPI");
        }
    }

    @Test
    void keepsTheHostsOwnClassPathFromPlugins() {
        try (OsgiHost host = start()) {
            List<String> leaked = systemExports(host).keySet().stream()
                    .filter(p -> Stream.of("org.junit", "org.opentest4j", "org.flywaydb", "dev.awb.runtime", "dev.awb.testkit",
                            "picocli", "org.postgresql", "org.sqlite", "org.yaml", "org.apache.commons",
                            "org.nd4j.linalg.cpu", "org.nd4j.nativeblas", "org.nd4j.shade", "org.bytedeco", "onnx", "org.tensorflow",
                            "com.google.common")
                            .anyMatch(prefix -> p.equals(prefix) || p.startsWith(prefix + ".")))
                    .filter(p -> !p.equals("dev.awb.runtime.ui.spi"))
                    .sorted().toList();
            assertEquals(List.of(), leaked);
        }
    }

    @Test
    void refusesPluginThatImportsAHostPrivatePackage() throws Exception {
        TestBundles.withMissingImport(plugins, "dev.awb.test.sneaky", "org.flywaydb.core");
        try (OsgiHost host = start()) {
            List<BundleProblem> problems = host.problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals("dev.awb.test.sneaky", problems.get(0).bundle());
            assertTrue(problems.get(0).reason().startsWith("missing package org.flywaydb.core"), problems.get(0).reason());
        }
    }

    @Test
    void releasesAPluginsServiceWhenItsBundleStops() throws Exception {
        Path jar = TestBundles.withFailingDataset(elsewhere);
        try (OsgiHost host = start()) {
            Bundle bundle = host.install(jar);
            PluginRegistry registry = host.plugins();
            assertEquals("0.0.1", registry.find("dataset", "failing").orElseThrow().version());
            ServiceReference<?> reference = bundle.getRegisteredServices()[0];
            assertEquals(List.of(0L), usingBundles(reference), "the registry holds the service");
            assertEquals(ComponentConfigurationDTO.ACTIVE, componentState(host, bundle));

            bundle.stop();

            assertTrue(registry.find("dataset", "failing").isEmpty());
            assertEquals(DISTRIBUTED_PLUGINS, pluginIds(host));
            bundle.start();
            assertEquals("0.0.1", registry.find("dataset", "failing").orElseThrow().version(), "tracked again");
        }
    }

    @Test
    void releasesEveryServiceWhenTheRegistryCloses() throws Exception {
        Path jar = TestBundles.withFailingDataset(elsewhere);
        try (OsgiHost host = start()) {
            Bundle bundle = host.install(jar);
            host.plugins().find("dataset", "failing").orElseThrow();
            ServiceReference<?> reference = bundle.getRegisteredServices()[0];

            host.plugins().close();

            assertEquals(List.of(), usingBundles(reference));
            // Declarative Services disposes of a delayed component once nobody uses its service.
            assertEquals(ComponentConfigurationDTO.SATISFIED, componentState(host, bundle));
        }
    }

    private static Map<String, List<String>> systemExports(OsgiHost host) {
        Map<String, List<String>> exports = new TreeMap<>();
        BundleWiring wiring = host.context().getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(BundleWiring.class);
        for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            exports.computeIfAbsent((String) capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE),
                    k -> new ArrayList<>()).add(capability.getAttributes().get("version").toString());
        }
        return exports;
    }

    private static List<Long> usingBundles(ServiceReference<?> reference) {
        Bundle[] using = reference.getUsingBundles();
        return using == null ? List.of() : Stream.of(using).map(Bundle::getBundleId).toList();
    }

    private static int componentState(OsgiHost host, Bundle bundle) {
        ServiceReference<ServiceComponentRuntime> reference = host.context().getServiceReference(ServiceComponentRuntime.class);
        try {
            ServiceComponentRuntime scr = host.context().getService(reference);
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs(bundle).iterator().next();
            return scr.getComponentConfigurationDTOs(description).iterator().next().state;
        } finally {
            host.context().ungetService(reference);
        }
    }

    @Test
    void versionsJarsWithoutAnOsgiManifestByTheirMavenVersion() {
        assertEquals("1.0.0.M2_1", HostPackages.osgiVersion("1.0.0-M2.1"));
        assertEquals("0.43.1", HostPackages.osgiVersion("0.43.1"));
        assertEquals("2.0.0", HostPackages.osgiVersion("2"));
        assertEquals("3.6.0.SNAPSHOT", HostPackages.osgiVersion("3.6-SNAPSHOT"));
    }
}
