package dev.awb.runtime.cli;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code awb} commands end to end, each starting the real Felix with the real bundles. */
class AwbTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Keep the tests away from the checkout's plugins folder.
        String[] withPlugins = args[0].equals("doctor") ? args
                : Stream.concat(Stream.of(args), Stream.of("--plugins", dir.resolve("plugins").toString()))
                        .toArray(String[]::new);
        int code = Awb.execute(withPlugins, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The quickstart file with {@code replacements} (pairs of exact text and its replacement) applied. */
    private Path quickstartWith(String... replacements) throws IOException {
        String text = Files.readString(QUICKSTART);
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), "quickstart.yaml no longer contains " + replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = dir.resolve("experiment.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runsReducedQuickstartIntoStoreAndReport() throws Exception {
        Path file = quickstartWith("train_size: 3000, validation_size: 300, test_size: 500",
                "train_size: 64, validation_size: 32, test_size: 48", "epochs: 12", "epochs: 2");
        Path runs = dir.resolve("runs");
        Result result = awb("run", file.toString(), "--runs", runs.toString());
        assertEquals(0, result.code(), result.err());

        Path store = runs.resolve("awb.sqlite");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            assertEquals(List.of("finished"), column(db, "SELECT status FROM trials"));
            assertEquals(List.of("quickstart"), column(db, "SELECT id FROM studies"));
            assertEquals(List.of("1", "2"), column(db, "SELECT epoch FROM metrics WHERE split = 'train' AND name = 'loss' ORDER BY epoch"));
            List<String> accuracy = column(db, "SELECT value FROM metrics WHERE split = 'test' AND name = 'accuracy' AND epoch IS NULL");
            assertEquals(1, accuracy.size());
            double value = Double.parseDouble(accuracy.get(0));
            assertTrue(value >= 0 && value <= 1, "accuracy " + value);
            assertEquals(List.of("1"), column(db, "SELECT COUNT(*) FROM metrics WHERE split = 'cost' AND name = 'parameters'"));
            // The quickstart's metrics land under their documented keys: loss per epoch and at the end, attention
            // entropy per layer, drift between epochs (epoch 1 against the probe before training).
            assertEquals(List.of("1", "2", ""), column(db, "SELECT COALESCE(epoch, '') FROM metrics WHERE split = 'validation'"
                    + " AND name = 'loss' ORDER BY epoch IS NULL, epoch"));
            assertEquals(List.of("attention_entropy", "attention_entropy/layer0", "attention_entropy/layer1"), column(db,
                    "SELECT name FROM metrics WHERE split = 'test' AND name LIKE 'attention_entropy%' ORDER BY name"));
            double drift = Double.parseDouble(column(db, "SELECT value FROM metrics WHERE split = 'validation'"
                    + " AND name = 'attention_drift' AND epoch = 1").get(0));
            assertTrue(drift > 0 && drift <= 1, "attention drift " + drift);
        }

        Path runDir = runs.resolve("quickstart").toAbsolutePath();
        assertTrue(result.out().contains(runDir.toString()), "prints the study directory: " + result.out());
        String report = Files.readString(runDir.resolve("report.md"));
        assertTrue(report.startsWith("# Study quickstart"), report);
        assertTrue(report.contains("| all | test.accuracy | 1 |"), report);
        assertTrue(report.contains("train.loss per epoch](figure-"), report);
        assertTrue(Files.exists(runDir.resolve("report.html")) && Files.exists(runDir.resolve("tables.tex")));
        List<String> csv = Files.readAllLines(runDir.resolve("results.csv"));
        assertEquals("trial,trial_index,seed,status,split,metric,epoch,value", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",finished,test,accuracy,,")), csv.toString());
        assertTrue(Files.exists(runDir.resolve("plan.jsonl")));
        String trials = Files.readString(runDir.resolve("plan.jsonl"));
        assertTrue(trials.contains("\"use\":\"positional/sinusoidal\"") && trials.contains("\"use\":\"pooling/mean\"")
                && trials.contains("\"node\":\"(default)\""), "the default model parts are recorded: " + trials);
        assertTrue(Files.exists(runDir.resolve("experiment.yaml")));
    }

    @Test
    void misspelledPluginExitsTwoNamingNodeLineAndChoicesAndStoresNothing() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/sofft");
        int line = lineOf(file, "attention/sofft");
        Path runs = dir.resolve("runs");
        Result result = awb("run", file.toString(), "--runs", runs.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains(file + ":" + line + ":"), result.err());
        assertTrue(result.err().contains("node 'attention': no attention plugin 'sofft'; did you mean 'soft'?; available: [hard, interactive, linear, soft]"),
                result.err());
        assertFalse(Files.exists(runs), "nothing may be written for an invalid experiment");
    }

    @Test
    void yamlSyntaxErrorExitsTwoWithLineAndColumn() throws Exception {
        Path file = quickstartWith("    with: { heads: 2 }", "    with: { heads: 2 ");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().matches("(?s).*" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: YAML syntax error.*"),
                result.err());
    }

    @Test
    void unknownParameterAndOutOfRangeValueAreNamed() throws Exception {
        Path file = quickstartWith("with: { heads: 2 }", "with: { hedas: 2 }", "layers: 2", "layers: 0");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("attention/soft has no parameter 'hedas'; did you mean 'heads'?"), result.err());
        assertTrue(result.err().contains("model/transformer-encoder parameter 'layers' must be in [1, 64], found 0"),
                result.err());
    }

    @Test
    void headsThatDoNotDivideWidthAreCaughtBeforeTraining() throws Exception {
        Path file = quickstartWith("with: { heads: 2 }", "with: { heads: 5 }");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("node 'attention': attention/soft: heads must divide the model width (64), found 5"),
                result.err());
    }

    @Test
    void validateAcceptsEveryShippedExperimentWithItsShippedData() throws IOException {
        List<Path> experiments;
        try (Stream<Path> files = Files.list(QUICKSTART.getParent())) {
            experiments = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(experiments.size() >= 4, experiments.toString());
        for (Path experiment : experiments) {
            Result result = awb("validate", experiment.toString());
            assertEquals(0, result.code(), experiment + ": " + result.err());
        }
    }

    @Test
    void nonPositiveTemperatureIsCaughtBeforeTraining() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/hard",
                "with: { heads: 2 }", "with: { heads: 2, estimator: gumbel, temperature: 0 }");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("node 'attention': attention/hard parameter 'temperature' must be in [0.001, 1000], found 0"),
                result.err());
    }

    @Test
    void interactiveAttentionWithNoSignalIsCaughtBeforeTraining() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/interactive");
        Path runs = dir.resolve("runs");
        Result result = awb("run", file.toString(), "--runs", runs.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains(file + ":" + lineOf(file, "use: attention/interactive") + ":"), result.err());
        assertTrue(result.err().contains("node 'attention': attention/interactive: attention/interactive needs an "
                + "interaction signal and none is wired: list its source under the attention node's 'inputs:'"), result.err());
        assertFalse(Files.exists(runs), "nothing may be written for an invalid experiment");
    }

    @Test
    void attentionSignalFromTheWrongKindOfNodeNamesBothNodes() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/interactive",
                "    with: { heads: 2 }", "    with: { heads: 2 }\n    inputs: [optimizer]");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("node 'attention': input 'optimizer' is a optimizer node, but an attention node "
                + "takes signals from [dataset, pooling] nodes"), result.err());
    }

    @Test
    void interactiveAttentionReadsTheDatasetContextAndAPoolingNodeTogether() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/interactive",
                "    with: { heads: 2 }", "    with: { heads: 2 }\n    inputs: [data, summary]",
                "  optimizer:", "  summary:\n    use: pooling/attention\n  optimizer:",
                "train_size: 3000, validation_size: 300, test_size: 500", "train_size: 64, validation_size: 32, test_size: 32",
                "epochs: 12", "epochs: 1");
        Path runs = dir.resolve("runs");
        Result result = awb("run", file.toString(), "--runs", runs.toString(), "--workers", "0");
        assertEquals(0, result.code(), result.err());
        String plan = Files.readString(runs.resolve("quickstart").resolve("plan.jsonl"));
        assertTrue(plan.contains("\"attention_signals\":[\"context\",\"summary\"]"), plan);
        assertTrue(plan.contains("\"signal_poolings\":{\"summary\":{") && plan.contains("\"use\":\"pooling/attention\""),
                plan);
    }

    @Test
    void danglingInputsAndCyclesAreNamedWithTheirLocation() throws Exception {
        Path dangling = quickstartWith("inputs: [data, attention]", "inputs: [data, atention]");
        Result result = awb("validate", dangling.toString());
        assertEquals(2, result.code(), result.err());
        String line = dangling + ":" + lineOf(dangling, "inputs: [data, atention]") + ":";
        assertTrue(result.err().contains(line) && result.err().contains("node 'model': input 'atention' is not a node "
                + "of this graph; did you mean 'attention'?"), result.err());

        Path cycle = quickstartWith("    with: { heads: 2 }", "    with: { heads: 2 }\n    inputs: [model]");
        result = awb("validate", cycle.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().matches("(?s).*" + java.util.regex.Pattern.quote(cycle.toString()) + ":\\d+:\\d+: nodes "
                + "form a cycle: (attention -> model -> attention|model -> attention -> model).*"), result.err());
    }

    @Test
    void interactiveAttentionWiredToTheDatasetValidates() throws Exception {
        Path file = quickstartWith("use: attention/soft", "use: attention/interactive",
                "    with: { heads: 2 }", "    with: { heads: 2 }\n    inputs: [data]");
        Result result = awb("validate", file.toString());
        assertEquals(0, result.code(), result.err());
    }

    @Test
    void modelInputOfTheWrongKindNamesBothNodesAndTheKindsItTakes() throws Exception {
        Path file = quickstartWith("inputs: [data, attention]", "inputs: [data, attention, optimizer]");
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("node 'model': input 'optimizer' is a optimizer node, but 'model' takes "
                + "[dataset, attention, positional, pooling]"), result.err());
    }

    @Test
    void wiredPositionalAndPoolingNodesAreUsed() throws Exception {
        Path file = quickstartWith("inputs: [data, attention]", "inputs: [data, attention, pos, pool]",
                "  optimizer:", "  pos:\n    use: positional/learned\n  pool:\n    use: pooling/attention\n  optimizer:");
        Result result = awb("validate", file.toString());
        assertEquals(0, result.code(), result.err());
    }

    @Test
    void validateAcceptsTheQuickstart() {
        Result result = awb("validate", QUICKSTART.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("valid, 1 seed = 1 trial"), result.out());
    }

    @Test
    void pluginsJsonListsEveryPluginWithItsParameters() throws Exception {
        Result result = awb("plugins", "--json");
        assertEquals(0, result.code(), result.err());
        JsonNode plugins = new ObjectMapper().readTree(result.out());
        assertEquals(dev.awb.runtime.launch.OsgiHostTests.DISTRIBUTED_PLUGINS.size(), plugins.size());
        for (JsonNode plugin : plugins) {
            for (String field : List.of("kind", "name", "version", "bundle", "summary", "params")) {
                assertTrue(plugin.has(field), field + " missing in " + plugin);
            }
        }
        JsonNode soft = Stream.of(plugins).flatMap(p -> java.util.stream.StreamSupport.stream(p.spliterator(), false))
                .filter(p -> p.get("name").asText().equals("soft")).findFirst().orElseThrow();
        assertEquals("dev.awb.attention-soft", soft.get("bundle").asText());
        assertEquals("heads", soft.get("params").get(0).get("name").asText());
        assertEquals(4, soft.get("params").get(0).get("default").asInt());
    }

    @Test
    void doctorNamesTheLoadedBackend() {
        Result result = awb("doctor");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().matches("(?s).*nd4j backend:\\s+CpuBackend.*"), result.out());
        // Tests run on the class path Maven gives them: the generic build, chosen by no launcher.
        assertTrue(result.out().matches("(?s).*native variant:\\s+generic \\(nd4j-native-1\\.0\\.0-M2\\.1-linux-x86_64\\.jar; "
                + "chosen by the class path\\).*shipped: \\[avx2, avx512, generic\\].*"), result.out());
        assertTrue(result.out().matches("(?s).*blas:\\s+OPENBLAS.*"), result.out());
        assertTrue(result.out().matches("(?s).*cuda backend:\\s+not in this distribution.*"), result.out());
        assertTrue(result.out().contains("gpus:"), result.out());
        assertTrue(result.out().contains("visible gpus:"), result.out());
    }

    @Test
    void everyCommandHasHelpAndUnknownOptionsExitTwo() {
        for (String command : List.of("run", "validate", "plan", "plugins", "doctor", "bench")) {
            Result help = awb(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().contains("Usage: awb " + command), help.out());
            assertTrue(help.out().contains("Exit codes:"), help.out());
        }
        assertEquals(2, awb("run", "--no-such-option").code());
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

}
