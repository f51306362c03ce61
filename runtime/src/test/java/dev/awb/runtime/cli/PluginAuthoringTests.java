package dev.awb.runtime.cli;

import dev.awb.runtime.build.BuildInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin author's path end to end, through the real CLI and a real Maven build: a plugin generated from the
 * template builds with its own Maven wrapper and passes its contract tests, {@code awb plugin check} passes it,
 * two versions of it dropped into the plugins folder run in one study beside {@code attention/soft}; the worked
 * example {@code examples/plugin-cosine-attention} builds and passes the check too.
 *
 * <p><b>Where the generated project finds the awb SPI.</b> A generated project depends on {@code dev.awb:api} and
 * {@code dev.awb:testkit} of this version, which {@code ./awb} installs into the local Maven repository; CI runs
 * {@code ./mvnw verify}, which installs nothing, and writing into the shared {@code ~/.m2} would replace other
 * checkouts' snapshots. So the test gives the build a private local repository under {@code target/} holding just
 * this reactor's parent poms and the api and testkit jars (copied in the repository layout), and chains the
 * regular local repository behind it read-only ({@code -Dmaven.repo.local.tail}, Maven 3.9): everything else
 * (ND4J, bnd, JUnit, the Maven plugins, at exactly the versions the awb build uses) resolves from there, offline
 * ({@code -o}), because the awb build has downloaded it already. Nothing is written to {@code ~/.m2}.
 */
class PluginAuthoringTests {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = BuildInfo.load().version();
    private static final Path REPOSITORY = Path.of("target", "plugin-authoring", "m2").toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void installSpiIntoPrivateRepository() throws IOException {
        put("awb-parent", CHECKOUT.resolve("pom.xml"), "pom");
        put("bundles", CHECKOUT.resolve("bundles/pom.xml"), "pom");
        for (String module : List.of("api", "testkit")) {
            put(module, CHECKOUT.resolve("bundles/" + module + "/pom.xml"), "pom");
            put(module, CHECKOUT.resolve("bundles/" + module + "/target/" + module + "-" + VERSION + ".jar"), "jar");
        }
    }

    private static void put(String artifact, Path file, String extension) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " is missing: build the reactor first");
        Path target = REPOSITORY.resolve("dev/awb/" + artifact + "/" + VERSION + "/" + artifact + "-" + VERSION + "." + extension);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code ./mvnw -o ARGS} in {@code project} against the private repository; fails the test with its log. */
    private static void maven(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-ntp", "-o",
                "-Dmaven.repo.local=" + REPOSITORY,
                "-Dmaven.repo.local.tail=" + System.getProperty("awb.m2.repository"),
                "-Dawb.native.cache=" + System.getProperty("org.bytedeco.javacpp.cachedir")));
        command.addAll(List.of(args));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "maven did not finish in 10 minutes");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
    }

    @Test
    void templatePluginBuildsPassesTheCheckAndTwoVersionsRunInAStudyBesideSoft() throws Exception {
        Path project = dir.resolve("mine");
        Result generated = awb("new", "plugin", "--kind", "attention", "--name", "mine", "--dir", project.toString(),
                "--summary", "Mine: scaled dot-product attention as the template writes it (Vaswani et al. 2017)");
        assertEquals(0, generated.code(), generated.err());
        assertTrue(Files.isExecutable(project.resolve("mvnw")), "the Maven wrapper is executable");

        maven(project, "verify");
        String reports = Files.readString(project.resolve(
                "target/surefire-reports/TEST-org.example.awb.attention.mine.MineAttentionTests.xml"));
        assertTrue(reports.contains("tests=\"8\"") && reports.contains("failures=\"0\"") && reports.contains("skipped=\"0\""),
                "the contract (7 tests) and the template's own test ran, none skipped:\n" + reports.lines().limit(3).toList());
        Path first = dir.resolve("attention-mine-1.0.0.jar");
        Files.copy(project.resolve("target/attention-mine-1.0.0.jar"), first);

        Result check = awb("plugin", "check", first.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        for (String test : List.of("producesOutputWithQueryShapeForSeveralSizes", "weightRowsSumToOneUnlessDeclaredUnnormalized",
                "paddedPositionsChangeNothing", "laterPositionsDoNotReachEarlierOnesUnderTheCausalMask",
                "gradientsMatchCentralFiniteDifferencesInFloat64", "sameSeedGivesSameOutputs",
                "savedAndLoadedModelComputesTheSameOutputs")) {
            assertTrue(check.out().lines().anyMatch(l -> l.contains("attention/mine contract: " + test) && l.contains(" pass ")),
                    test + " passed:\n" + check.out());
        }
        assertTrue(check.out().contains("PASSED: attention-mine-1.0.0.jar"), check.out());

        // Version 1.1.0 of the same plugin: the same source, the bundle version raised.
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replaceFirst("<version>1.0.0</version>", "<version>1.1.0</version>"));
        maven(project, "-DskipTests", "package");
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Files.copy(first, plugins.resolve(first.getFileName()));
        Files.copy(project.resolve("target/attention-mine-1.1.0.jar"), plugins.resolve("attention-mine-1.1.0.jar"));

        Path unknown = experiment("[soft, mine@2.0.0]");
        Result invalid = awb("validate", unknown.toString(), "--plugins", plugins.toString());
        assertEquals(2, invalid.code(), invalid.err());
        assertTrue(invalid.err().contains("attention/mine has no version 2.0.0; installed versions: [1.1.0, 1.0.0]"),
                invalid.err());

        Result highest = awb("plan", experiment("[soft, mine]").toString(), "--json", "--plugins", plugins.toString());
        assertEquals(0, highest.code(), highest.err());
        assertTrue(highest.out().contains("\"bundle\":\"org.example.awb.attention.mine@1.1.0\""),
                "without a version the highest installed one is used: " + highest.out());

        Path file = experiment("[soft, mine@1.0.0, mine@1.1.0]");
        Path runs = dir.resolve("runs");
        Result run = awb("run", file.toString(), "--plugins", plugins.toString(), "--runs", runs.toString(),
                "--workers", "1");
        assertEquals(0, run.code(), run.out() + run.err());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + runs.resolve("awb.sqlite"));
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT status FROM trials")) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
            assertEquals(List.of("finished", "finished", "finished"), statuses);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        List<JsonNode> plan = new ArrayList<>();
        for (String line : Files.readAllLines(runs.resolve("plugin-study/plan.jsonl"))) {
            plan.add(new ObjectMapper().readTree(line));
        }
        assertEquals(3, plan.size());
        JsonNode older = plan.get(1);
        JsonNode newer = plan.get(2);
        assertEquals("org.example.awb.attention.mine@1.0.0", older.at("/config/attention/bundle").asText());
        assertEquals("org.example.awb.attention.mine@1.1.0", newer.at("/config/attention/bundle").asText());
        assertNotEquals(older.get("id").asText(), newer.get("id").asText(), "the trial id includes the version");
        assertTrue(older.at("/bundles/attention~1mine/location").asText().endsWith("plugins/attention-mine-1.0.0.jar"),
                older.toString());
        assertTrue(newer.at("/bundles/attention~1mine/location").asText().endsWith("plugins/attention-mine-1.1.0.jar"),
                newer.toString());
        assertTrue(Files.readString(runs.resolve("plugin-study/report.md")).contains("mine@1.1.0"),
                "the report compares the versions");
    }

    @Test
    void workedCosineExampleBuildsAndPassesTheCheck() throws Exception {
        Path project = builtExample("plugin-cosine-attention", "org.example.awb.attention.cosine.CosineAttentionTests");
        Result check = awb("plugin", "check", project.resolve("target/attention-cosine-1.0.0.jar").toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("attention/cosine parameters have defaults and descriptions")
                && check.out().contains("3: heads, initial_scale, learn_scale"), check.out());
    }

    /** Sigmoid attention (Ramapuram et al. 2024) declares unnormalised weights and passes the whole contract. */
    @Test
    void workedSigmoidExampleWithUnnormalisedWeightsBuildsAndPassesTheCheck() throws Exception {
        Path project = builtExample("plugin-sigmoid-attention", "org.example.awb.attention.sigmoid.SigmoidAttentionTests");
        Result check = awb("plugin", "check", project.resolve("target/attention-sigmoid-1.0.0.jar").toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().matches("(?s).*attention/sigmoid contract: weightRowsSumToOneUnlessDeclaredUnnormalized +pass.*"),
                check.out());
        assertTrue(check.out().matches("(?s).*attention/sigmoid contract: gradientsMatchCentralFiniteDifferencesInFloat64 +pass.*"),
                check.out());
    }

    /** Copies example {@code name} into the test folder, builds it with its own wrapper, and checks its test report. */
    private Path builtExample(String name, String testClass) throws Exception {
        Path project = dir.resolve(name);
        Path source = CHECKOUT.resolve("examples").resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
                Path target = project.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        maven(project, "verify");
        String reports = Files.readString(project.resolve("target/surefire-reports/TEST-" + testClass + ".xml"));
        assertTrue(reports.contains("failures=\"0\"") && reports.contains("skipped=\"0\""),
                reports.lines().limit(3).toList().toString());
        return project;
    }

    /** A tiny MQAR study comparing the attention variants {@code variants} (a YAML list). */
    private Path experiment(String variants) throws IOException {
        Path file = dir.resolve("plugin-study.yaml");
        Files.writeString(file, """
                experiment: plugin-study
                seeds: [1]
                graph:
                  data:
                    use: dataset/mqar
                    with: { vocab: 34, pairs: 2, queries: 2, train_size: 64, validation_size: 32, test_size: 32 }
                  attention:
                    use: "attention/${variant}"
                    with: { heads: 2 }
                  model:
                    use: model/transformer-encoder
                    inputs: [data, attention]
                    with: { layers: 1, d_model: 32 }
                  optimizer:
                    use: optimizer/adam
                    with: { lr: 1.0e-3 }
                  train:
                    use: trainer
                    inputs: [model, data, optimizer]
                    with: { epochs: 1, batch: 32 }
                  evaluate:
                    use: [metric/accuracy]
                sweep:
                  variant: %s
                report: { compare: variant, baseline: soft, metrics: [test.accuracy] }
                """.formatted(variants), StandardCharsets.UTF_8);
        return file;
    }
}
