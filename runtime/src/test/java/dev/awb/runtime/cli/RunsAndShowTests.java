package dev.awb.runtime.cli;

import dev.awb.runtime.build.BuildInfo;
import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.store.PostgresServer;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb run} into a real PostgreSQL store, then {@code awb runs} and {@code awb show} on what it recorded:
 * rows, provenance with the hash of a plugin jar dropped into {@code plugins/}, configuration and metrics.
 */
class RunsAndShowTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runsATinyStudyIntoPostgresqlAndShowsEachTrialsProvenance() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path dropped = rebrandedSoftAttention(plugins);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, Files.readString(QUICKSTART)
                .replace("train_size: 3000, validation_size: 300, test_size: 500",
                        "train_size: 64, validation_size: 32, test_size: 32")
                .replace("epochs: 12", "epochs: 2").replace("seeds: [1]", "seeds: [1, 2]")
                .replace("use: attention/soft", "use: attention/dropped-soft")
                .replace("experiment: quickstart", "experiment: tiny"));
        try (PostgresServer postgres = PostgresServer.start()) {
            String store = postgres.jdbcUrl();
            Result run = awb("run", file.toString(), "--store", store, "--runs", dir.resolve("runs").toString(),
                    "--plugins", plugins.toString(), "--workers", "2", "--threads-per-worker", "1");
            assertEquals(0, run.code(), run.err() + workerLogs());

            try (Connection db = DriverManager.getConnection(store)) {
                assertEquals(List.of("finished", "finished"), column(db, "SELECT status FROM trials ORDER BY idx"));
                assertEquals(List.of("1,2", "1,2"), column(db, "SELECT STRING_AGG(epoch::text, ',' ORDER BY epoch)"
                        + " FROM metrics WHERE split = 'train' AND name = 'loss' GROUP BY trial_id"));
                assertEquals(List.of("1", "1"), column(db, "SELECT COUNT(*) FROM metrics WHERE epoch IS NULL"
                        + " AND split = 'test' AND name = 'accuracy' GROUP BY trial_id"));
                assertEquals(List.of("2"), column(db, "SELECT COUNT(provenance) FROM trials"));
            }

            Result studies = awb("runs", "--store", store);
            assertEquals(0, studies.code(), studies.err());
            assertTrue(studies.out().matches("(?s).*\\ntiny +tiny +\\S+ +2 +2 finished\\n.*"), studies.out());

            Result trials = awb("runs", "tiny", "--store", store);
            assertEquals(0, trials.code(), trials.err());
            List<String> rows = trials.out().lines().filter(l -> l.matches("[0-9a-f]{12} .*")).toList();
            assertEquals(2, rows.size(), trials.out());
            assertTrue(trials.out().contains("test.accuracy"), trials.out());
            assertTrue(rows.get(1).matches("[0-9a-f]{12} +- +2 +finished +1 +[01]\\.\\d{4}"), rows.get(1));

            String prefix = rows.get(1).substring(0, 12);
            Result json = awb("show", prefix, "--store", store, "--json");
            assertEquals(0, json.code(), json.err());
            JsonNode shown = JSON.readTree(json.out());
            assertEquals(2, shown.at("/trial/seed").asInt());
            assertTrue(shown.at("/trial/id").asText().startsWith(prefix));
            assertEquals("attention/dropped-soft", shown.at("/config/attention/use").asText(), json.out());
            assertEquals("dev.awb.test.dropped-soft@9.9.9", shown.at("/config/attention/bundle").asText());
            double accuracy = shown.at("/metrics/test.accuracy").asDouble(-1);
            assertTrue(accuracy >= 0 && accuracy <= 1, json.out());

            JsonNode provenance = shown.get("provenance");
            assertEquals(2, provenance.get("seed").asInt());
            assertEquals(BuildInfo.load().revision(), provenance.at("/code/revision").asText());
            JsonNode droppedJar = bundle(provenance, "dev.awb.test.dropped-soft");
            assertEquals(sha256(dropped), droppedJar.get("sha256").asText(), "the dropped jar's own hash");
            assertEquals("9.9.9", droppedJar.get("version").asText());
            assertTrue(droppedJar.get("used").asBoolean());
            assertFalse(bundle(provenance, "dev.awb.attention-soft").get("used").asBoolean());
            JsonNode model = bundle(provenance, "dev.awb.model-transformer-encoder");
            assertTrue(model.get("used").asBoolean());
            Path modelJar = Path.of(java.net.URI.create(model.get("location").asText()));
            assertEquals(sha256(modelJar), model.get("sha256").asText());
            assertTrue(provenance.at("/nd4j/backend").asText().endsWith("CpuBackend"), provenance.toString());
            assertTrue(provenance.at("/nd4j/nativeLibrary").asText().matches(".*/nd4j-native-[^/]*-linux-x86_64[^/]*\\.jar/"
                    + ".*/libjnind4jcpu\\.so"), provenance.toString());
            assertTrue(provenance.at("/nd4j/blas").asText().matches("OpenBLAS \\d+\\.\\d+\\.\\d+"), provenance.toString());
            assertEquals(System.getProperty("java.runtime.version"), provenance.at("/jvm/version").asText());
            assertEquals(Runtime.getRuntime().availableProcessors(), provenance.at("/cpu/cores").asInt());
            assertTrue(provenance.get("gpus").isArray());

            Result text = awb("show", prefix, "--store", store);
            assertEquals(0, text.code(), text.err());
            assertTrue(text.out().contains("provenance:") && text.out().contains("configuration:")
                    && text.out().contains("final metrics:"), text.out());
            assertTrue(text.out().contains("* dev.awb.test.dropped-soft"), text.out());
            assertTrue(text.out().matches("(?s).*\\n  test\\.accuracy +[01]\\.\\d+\\n.*"), text.out());
        }
    }

    @Test
    void showListsTheCandidatesOfAnAmbiguousOrUnknownPrefixAndExitsTwo() throws Exception {
        Path store = dir.resolve("awb.sqlite");
        try (InputStream in = ResultsStore.class.getResourceAsStream("schema-2.sqlite")) {
            Files.copy(in, store);
        }
        try (ResultsStore results = ResultsStore.open(store.toString())) {
            results.createStudy(new StudyRecord("ablation-2", "ablation", "/x.yaml", "/runs/ablation-2", "{}", "rev",
                    "0.1", "2025-03-01T00:00:00Z"));
            results.registerTrials("ablation-2", List.of(TrialRecord.planned("0123456789abcdef", 1, 1,
                    "{\"variant\":\"soft\"}", "{}")));
        }

        Result ambiguous = awb("show", "0123", "--store", store.toString());
        assertEquals(2, ambiguous.code());
        assertEquals("error: '0123' matches 3 trials; give more of the id:\n"
                + "  0123456789abcdef  study ablation  variant=soft seed=1  finished\n"
                + "  0123aaaa00000000  study ablation  variant=linear seed=1  failed\n"
                + "  0123456789abcdef  study ablation-2  variant=soft seed=1  pending\n", ambiguous.err());

        Result twoStudies = awb("show", "01234", "--store", store.toString());
        assertEquals(2, twoStudies.code());
        assertTrue(twoStudies.err().startsWith("error: '01234' matches 2 trials; give more of the id or --study:"),
                twoStudies.err());
        Result narrowed = awb("show", "01234", "--study", "ablation", "--store", store.toString());
        assertEquals(0, narrowed.code(), narrowed.err());
        assertTrue(narrowed.out().contains("test.accuracy") && narrowed.out().contains("0.875000"), narrowed.out());

        Result unknown = awb("show", "beef", "--store", store.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: no trial has an id starting with 'beef' in jdbc:sqlite:"),
                unknown.err());
        Result noStudy = awb("runs", "nope", "--store", store.toString());
        assertEquals(2, noStudy.code());
        assertTrue(noStudy.err().endsWith("studies: [ablation, ablation-2]\n"), noStudy.err());
        Path mistyped = dir.resolve("awb.sqlte");
        Result noStore = awb("runs", "--store", mistyped.toString());
        assertEquals(1, noStore.code());
        assertEquals("error: no results store at " + mistyped + " ('awb run' creates one; --store names another)\n",
                noStore.err());
        assertFalse(Files.exists(mistyped), "reading commands create no store");
    }

    /** Every worker log of the run, for the message of a failed assertion. */
    private String workerLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("runs"))) {
            for (Path log : files.filter(f -> f.getFileName().toString().equals("worker.log")).toList()) {
                logs.append("\n--- ").append(log).append(":\n").append(Files.readString(log));
            }
        }
        return logs.toString();
    }

    private static JsonNode bundle(JsonNode provenance, String symbolicName) {
        for (JsonNode bundle : provenance.get("bundles")) {
            if (symbolicName.equals(bundle.get("symbolicName").asText())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " in " + provenance.get("bundles"));
    }

    /**
     * The distribution's soft attention bundle under another symbolic name ({@code dev.awb.test.dropped-soft}
     * 9.9.9) registering the plugin {@code attention/dropped-soft}, written into {@code plugins}: a plugin jar a
     * researcher dropped in.
     */
    private static Path rebrandedSoftAttention(Path plugins) throws IOException {
        Path original;
        try (Stream<Path> bundles = Files.list(HostOptions.distribution().resolve("bundles"))) {
            original = bundles.filter(p -> p.getFileName().toString().startsWith("attention-soft-")).findFirst()
                    .orElseThrow();
        }
        Path target = plugins.resolve("dropped-soft.jar");
        try (JarFile jar = new JarFile(original.toFile())) {
            Manifest manifest = new Manifest(jar.getManifest());
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "dev.awb.test.dropped-soft");
            manifest.getMainAttributes().putValue("Bundle-Version", "9.9.9");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    byte[] bytes = jar.getInputStream(entry).readAllBytes();
                    if (entry.getName().startsWith("OSGI-INF/") && entry.getName().endsWith(".xml")) {
                        String xml = new String(bytes, StandardCharsets.UTF_8);
                        String renamed = xml.replace("name=\"awb.plugin.name\" type=\"String\" value=\"soft\"",
                                "name=\"awb.plugin.name\" type=\"String\" value=\"dropped-soft\"");
                        assertFalse(renamed.equals(xml), "the plugin name property was not found in " + xml);
                        bytes = renamed.getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
