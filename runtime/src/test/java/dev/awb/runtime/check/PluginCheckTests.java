package dev.awb.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.fixture.undocumented.UndocumentedAttention;
import dev.awb.fixture.wrongservice.WrongServiceAttention;
import dev.awb.runtime.cli.Awb;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb plugin check} on jars broken in one precise way each: it names the problem in plain words, fails,
 * and leaves the runtime as it was; on a distributed plugin it runs the contract, piecewise-constant ones included.
 */
class PluginCheckTests {
    private static final Path DIST = Path.of(System.getProperty("awb.dist"));
    private static OsgiHost host;
    private static int distributed;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startHost() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        host = OsgiHost.start(new OsgiHost.Options(DIST.resolve("bundles"), dir.resolve("plugins")));
        distributed = host.plugins().all().size();
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    private static List<PluginCheck.Row> check(Path jar) {
        List<PluginCheck.Row> rows = PluginCheck.run(host, jar, new PluginCheck.Options(Map.of(), Map.of(), 0));
        assertEquals(distributed, host.plugins().all().size(), "the runtime lost or kept plugins");
        assertTrue(host.context().getBundles().length > 0 && List.of(host.context().getBundles()).stream()
                .noneMatch(b -> b.getLocation().equals(jar.toAbsolutePath().normalize().toUri().toString())),
                "the checked bundle is uninstalled again");
        return rows;
    }

    private static PluginCheck.Row failure(List<PluginCheck.Row> rows) {
        assertFalse(PluginCheck.passed(rows), rows.toString());
        return rows.stream().filter(r -> !r.passed()).findFirst().orElseThrow();
    }

    @Test
    void saysWhenTheJarIsNotABundle() throws Exception {
        PluginCheck.Row row = failure(check(TestBundles.notABundle(dir.resolve("a"))));
        assertEquals("is an OSGi bundle", row.check());
        assertTrue(row.detail().contains("not-a-bundle.jar is a plain jar: its manifest has no Bundle-SymbolicName"), row.detail());
    }

    @Test
    void namesTheImportNobodyProvides() throws Exception {
        PluginCheck.Row row = failure(check(TestBundles.withMissingImport(dir.resolve("b"), "dev.awb.test.missing",
                "dev.awb.api.nowhere;version=\"[1.0,2)\"")));
        assertEquals("resolves against the runtime", row.check());
        assertEquals("missing package dev.awb.api.nowhere (wanted [1.0.0,2.0.0))", row.detail());
    }

    @Test
    void reportsAComponentThatFailsToActivate() throws Exception {
        List<PluginCheck.Row> rows = check(TestBundles.withThrowingComponent(dir.resolve("c")));
        PluginCheck.Row row = failure(rows);
        assertTrue(row.detail().contains("deliberately broken plugin"), rows.toString());
    }

    @Test
    void saysWhichInterfaceTheComponentShouldRegister() throws Exception {
        PluginCheck.Row row = failure(check(TestBundles.withComponent(dir.resolve("d"), "dev.awb.test.wrongservice",
                WrongServiceAttention.class, "java.lang.Runnable", "wrong")));
        assertEquals("attention/wrong registers as AttentionMechanism", row.check());
        assertTrue(row.detail().contains("its component provides [java.lang.Runnable], not "
                + "dev.awb.api.attention.AttentionMechanism"), row.detail());
    }

    @Test
    void refusesTheTemplatesPlaceholderSummary() throws Exception {
        String placeholder = "UndocumentedAttention" + dev.awb.runtime.template.PluginTemplate.PLACEHOLDER_SUMMARY;
        PluginCheck.Row row = failure(check(TestBundles.withComponent(dir.resolve("p"), "dev.awb.test.placeholder",
                UndocumentedAttention.class, "dev.awb.api.attention.AttentionMechanism", "placeholder", placeholder)));
        assertEquals("attention/placeholder has a summary", row.check());
        assertTrue(row.detail().startsWith("@Plugin(summary = \"" + placeholder + "\") is still the template's placeholder"),
                row.detail());
    }

    @Test
    void namesTheParameterWithoutADescription() throws Exception {
        PluginCheck.Row row = failure(check(TestBundles.withComponent(dir.resolve("e"), "dev.awb.test.undocumented",
                UndocumentedAttention.class, "dev.awb.api.attention.AttentionMechanism", "undocumented")));
        assertEquals("attention/undocumented parameters have defaults and descriptions", row.check());
        assertEquals("params() throws IllegalArgumentException: parameter [window] needs a description", row.detail());
    }

    @Test
    void runsTheDatasetContractAndReportsWhatItCannotKnowAsNotRun() throws Exception {
        Path jar = TestBundles.withFailingDataset(dir.resolve("g"));
        List<PluginCheck.Row> rows = PluginCheck.run(host, jar, new PluginCheck.Options(Map.of(), Map.of(), 0));
        assertTrue(PluginCheck.passed(rows), rows.toString());
        List<String> contract = rows.stream().filter(r -> r.check().startsWith("dataset/failing contract: "))
                .map(r -> r.check().substring("dataset/failing contract: ".length()) + " " + r.result().label()).sorted()
                .toList();
        assertEquals(List.of("anotherSeedGivesOtherData not run", "generatedDataKeepsItsSpec pass",
                "refusesContradictoryParametersNamingOne not run", "sameSeedGivesIdenticalSplits pass",
                "splitsAreDrawnIndependently pass"), contract);

        Path broken = TestBundles.withFailingDataset(dir.resolve("h"));
        PluginCheck.Row row = failure(PluginCheck.run(host, broken,
                new PluginCheck.Options(Map.of("bad_label_seed", "3"), Map.of(), 0)));
        assertEquals("dataset/failing contract: generatedDataKeepsItsSpec", row.check());
        assertTrue(row.detail().contains("train.targets[5][0] = 2, allowed: [0, 2) or IGNORE (-1)"), row.detail());
    }

    @Test
    void runsTheMetricContractOnEveryShippedMetricWithKnownAnswersNotRun() throws Exception {
        Path jar = DIST.resolve("bundles").resolve("metrics-" + dev.awb.runtime.build.BuildInfo.load().version() + ".jar");
        assertTrue(Files.exists(jar), jar.toString());
        try (OsgiHost bare = OsgiHost.start(new OsgiHost.Options(bundlesWithout(jar), dir.resolve("plugins")))) {
            List<PluginCheck.Row> rows = PluginCheck.run(bare, jar, new PluginCheck.Options(Map.of(), Map.of(), 0));
            assertTrue(PluginCheck.passed(rows), rows.toString());
            List<PluginCheck.Row> accuracy = rows.stream().filter(r -> r.check().startsWith("metric/accuracy contract: "))
                    .toList();
            assertEquals(5, accuracy.size(), rows.toString());
            assertEquals(List.of("knownAnswersHold"), accuracy.stream()
                    .filter(r -> r.result() == PluginCheck.Result.NOT_RUN)
                    .map(r -> r.check().substring("metric/accuracy contract: ".length())).toList());
            assertEquals(12, rows.stream().filter(r -> r.check().endsWith(" contract: valuesStayInTheirRange")
                    && r.result() == PluginCheck.Result.PASS).count(), rows.toString());
            // Entity F1 refuses a task without BIO class names: the stand-in task's checks are not run, not failed.
            assertEquals(PluginCheck.Result.NOT_RUN, rows.stream().filter(r -> r.check().equals(
                    "metric/entity-f1 contract: valuesStayInTheirRange")).findFirst().orElseThrow().result());
        }
    }

    @Test
    void runsTheOptimizerContractOnEveryShippedOptimizer() throws Exception {
        Path jar = DIST.resolve("bundles").resolve("optimizers-" + dev.awb.runtime.build.BuildInfo.load().version() + ".jar");
        assertTrue(Files.exists(jar), jar.toString());
        try (OsgiHost bare = OsgiHost.start(new OsgiHost.Options(bundlesWithout(jar), dir.resolve("plugins")))) {
            List<PluginCheck.Row> rows = PluginCheck.run(bare, jar, new PluginCheck.Options(Map.of(), Map.of(), 0));
            assertTrue(PluginCheck.passed(rows), rows.toString());
            assertEquals(5, rows.stream().filter(r -> r.check().endsWith(
                    " contract: lossDecreasesOnAConvexProblemAndKeepsDecreasing") && r.result() == PluginCheck.Result.PASS)
                    .count(), rows.toString());
            assertEquals(5, rows.stream().filter(r -> r.check().endsWith(" contract: refusesContradictoryParametersNamingOne")
                    && r.result() == PluginCheck.Result.NOT_RUN).count(), rows.toString());
        }
    }

    @Test
    void runsThePoolingAndPositionalContractsOnTheShippedBundles() throws Exception {
        for (String bundle : List.of("pooling-attention", "positional-learned")) {
            Path jar = DIST.resolve("bundles").resolve(bundle + "-" + dev.awb.runtime.build.BuildInfo.load().version() + ".jar");
            try (OsgiHost bare = OsgiHost.start(new OsgiHost.Options(bundlesWithout(jar), dir.resolve("plugins")))) {
                List<PluginCheck.Row> rows = PluginCheck.run(bare, jar, new PluginCheck.Options(Map.of(), Map.of(), 0));
                assertTrue(PluginCheck.passed(rows), rows.toString());
                assertTrue(rows.stream().anyMatch(r -> r.check().endsWith(bundle.equals("pooling-attention")
                        ? " contract: gradientsMatchCentralFiniteDifferencesInFloat64"
                        : " contract: trainableTablesPassAFloat64GradientCheck") && r.result() == PluginCheck.Result.PASS),
                        rows.toString());
                assertTrue(rows.stream().noneMatch(r -> r.result() == PluginCheck.Result.NOT_RUN), rows.toString());
            }
        }
    }

    @Test
    void theCommandPrintsNotRunForAContractItCannotRunAndCountsOnlyWhatRan() throws Exception {
        Path jar = TestBundles.withFailingDataset(dir.resolve("i"));
        StringWriter out = new StringWriter();
        assertEquals(0, Awb.execute(new String[] {"plugin", "check", jar.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)), out.toString());
        assertTrue(out.toString().matches("(?s).*dataset/failing contract: anotherSeedGivesOtherData +not run .*"),
                out.toString());
        assertTrue(out.toString().contains("PASSED: dev.awb.test.failing.jar ("), out.toString());
        assertTrue(out.toString().contains(" not run)"), out.toString());
    }

    @Test
    void commandExitsOneWithTheTableAndSaysTheRuntimeRunsOn() throws Exception {
        Path jar = TestBundles.withMissingImport(dir.resolve("f"), "dev.awb.test.cli", "dev.awb.api.nowhere;version=\"[1.0,2)\"");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"plugin", "check", jar.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().contains("resolves against the runtime") && out.toString().contains("FAIL")
                && out.toString().contains("missing package dev.awb.api.nowhere (wanted [1.0.0,2.0.0))"), out.toString());
        assertTrue(out.toString().contains("FAILED: dev.awb.test.cli.jar (1 of 2 checks failed)"), out.toString());
        assertTrue(err.toString().contains("the runtime runs on without it (" + distributed + " of " + distributed
                + " distributed plugins available)"), err.toString());
    }

    @Test
    void runsThePiecewiseConstantContractOnHardAttentionWithItsRelaxation() {
        Path jar = DIST.resolve("bundles").resolve("attention-hard-" + dev.awb.runtime.build.BuildInfo.load().version() + ".jar");
        // The distributed bundle is installed already; a copy with the same symbolic name and version cannot be
        // installed twice, so the check runs on a fresh host without it.
        assertTrue(Files.exists(jar), jar.toString());
        try (OsgiHost bare = OsgiHost.start(new OsgiHost.Options(bundlesWithout(jar), dir.resolve("plugins")))) {
            List<PluginCheck.Row> rows = PluginCheck.run(bare, jar, new PluginCheck.Options(Map.of(),
                    Map.of("estimator", "gumbel", "sample", "soft", "temperature", "0.5"), 0));
            assertTrue(PluginCheck.passed(rows), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.check().equals(
                    "attention/hard contract: piecewiseConstantForwardStillGivesItsWeightsGradients")), rows.toString());
            assertEquals(8, rows.stream().filter(r -> r.check().contains(" contract: ")).count(), rows.toString());
        }
    }

    /**
     * Interactive attention refuses to work without an interaction signal; checking the shipped bundle without
     * {@code --signal-length} wires one of {@link SignalProbe#DEFAULT_LENGTH} positions, says so and which option
     * chooses another, and passes, instead of failing every contract test with a message about experiment files.
     */
    @Test
    void checkingInteractiveAttentionWiresADefaultSignalAndNamesTheOption() {
        Path jar = DIST.resolve("bundles").resolve("attention-interactive-" + dev.awb.runtime.build.BuildInfo.load().version()
                + ".jar");
        assertTrue(Files.exists(jar), jar.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"plugin", "check", jar.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().matches("(?s).*attention/interactive interaction signal +pass +needs one and"
                + " --signal-length was not given: the contract wires a signal of 4 positions \\(choose another with"
                + " --signal-length N\\).*"), out.toString());
        assertTrue(out.toString().contains("attention/interactive contract: gradientsMatchCentralFiniteDifferencesInFloat64"),
                out.toString());
        assertTrue(out.toString().contains("PASSED: " + jar.getFileName()), out.toString());
    }

    @Test
    void onlyMechanismsThatRefuseToWorkWithoutASignalGetOne() {
        var registry = host.plugins();
        for (String name : List.of("interactive", "soft", "linear")) {
            var mechanism = registry.find("attention", name).orElseThrow().service();
            boolean needs = SignalProbe.needsSignal(new ContractRun.Subject(
                    (dev.awb.api.attention.AttentionMechanism) mechanism, Map.of(), Map.of(), 0));
            assertEquals(name.equals("interactive"), needs, name);
        }
    }

    private static Path bundlesWithout(Path jar) {
        try {
            String name = jar.getFileName().toString();
            Path folder = Files.createDirectories(dir.resolve("bundles-without-" + name.substring(0, name.length() - 4)));
            try (var jars = Files.list(DIST.resolve("bundles"))) {
                for (Path bundle : jars.filter(p -> !p.equals(jar)).toList()) {
                    Files.copy(bundle, folder.resolve(bundle.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
