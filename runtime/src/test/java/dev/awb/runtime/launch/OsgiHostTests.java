package dev.awb.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** Starts the real Felix with the real distribution bundles. */
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

    private OsgiHost start() {
        return OsgiHost.start(new OsgiHost.Options(Path.of(System.getProperty("awb.dist")).resolve("bundles"), plugins));
    }

    private static List<String> pluginIds(OsgiHost host) {
        return new PluginRegistry(host.context()).all().stream().map(PluginDescriptor::id).toList();
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
            PluginRegistry registry = new PluginRegistry(host.context());
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
    void exportsHostPackagesWithTheirDeclaredVersions() {
        String packages = HostPackages.fromClassPath();
        assertTrue(packages.contains("org.osgi.service.component;version=\"1.5.1\""), "SCR needs [1.5,1.6)");
        assertTrue(packages.contains("dev.awb.api.attention;version=\"1.1.0\""), "the SPI");
        assertTrue(packages.contains("org.nd4j.autodiff.samediff"), "ND4J");
        assertTrue(packages.contains("tech.tablesaw.api"), "Tablesaw");
        assertTrue(packages.contains("org.slf4j;version=\"2.0.16\""), "SLF4J 2");
        assertTrue(packages.contains("org.slf4j;version=\"1.7.36\""), "SLF4J's second declared version");
    }
}
