package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps, tuning budgets, overrides, {@code awb plan} and {@code awb schema}, against the real plugins. */
class PlanTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPH = """
            graph:
              data:
                use: dataset/mqar
                with: { vocab: 34, pairs: 4, queries: 4, train_size: 64, validation_size: 16, test_size: 16 }
              attention:
                use: "attention/${variant}"
                with: { heads: 2 }
              model:
                use: model/transformer-encoder
                inputs: [data, attention]
                with: { layers: 2, d_model: 64 }
              optimizer:
                use: optimizer/adam
                with: { lr: 1.0e-3 }
              train:
                use: trainer
                inputs: [model, data, optimizer]
                with: { epochs: 1, batch: 32 }
              evaluate:
                use: [metric/accuracy]
            """;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withPlugins = Stream.concat(Stream.of(args), Stream.of("--plugins", dir.resolve("plugins").toString()))
                .toArray(String[]::new);
        int code = Awb.execute(withPlugins, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path file(String head) throws IOException {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "experiment: sweep\n" + head + GRAPH);
        return file;
    }

    private List<JsonNode> trials(Result result) throws IOException {
        assertEquals(0, result.code(), result.err());
        List<JsonNode> trials = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            if (!line.isBlank()) {
                trials.add(JSON.readTree(line));
            }
        }
        return trials;
    }

    @Test
    void sweepExpandsVariablesPathsLogRangesAndZippedAxesTimesSeeds() throws Exception {
        Path file = file("""
                seeds: [1, 2]
                sweep:
                  variant: [soft, linear]
                  optimizer.with.lr: { from: 1.0e-4, to: 1.0e-2, steps: 3, scale: log }
                  zip: { model.with.layers: [1, 2], model.with.d_model: [32, 64] }
                """);
        List<JsonNode> trials = trials(awb("plan", file.toString(), "--json"));
        assertEquals(2 * 3 * 2 * 2, trials.size());
        Set<String> ids = new HashSet<>();
        Set<String> combinations = new HashSet<>();
        for (JsonNode trial : trials) {
            ids.add(trial.get("id").asText());
            JsonNode labels = trial.get("labels");
            JsonNode config = trial.get("config");
            assertEquals("attention/" + labels.get("variant").asText(), config.at("/attention/use").asText());
            assertEquals(labels.get("optimizer.with.lr").asDouble(), config.at("/optimizer/with/lr").asDouble(), 0);
            int layers = config.at("/model/with/layers").asInt();
            assertEquals(layers == 1 ? 32 : 64, config.at("/model/with/d_model").asInt(), "zipped axes advance together");
            assertEquals(trial.get("seed").asLong(), config.get("seed").asLong());
            assertTrue(!labels.has("seed"), "seeds are never labels");
            combinations.add(labels.get("variant").asText() + labels.get("optimizer.with.lr").asText() + layers);
        }
        assertEquals(trials.size(), ids.size(), "every trial has its own identity");
        assertEquals(12, combinations.size());
        Set<Double> rates = new HashSet<>();
        trials.forEach(t -> rates.add(t.at("/config/optimizer/with/lr").asDouble()));
        assertEquals(Set.of(1.0e-4, 1.0e-3, 1.0e-2), rates);

        Result table = awb("plan", file.toString());
        assertTrue(table.out().contains("2 variant x 3 optimizer.with.lr x 2 model.with.layers+model.with.d_model (zipped)"
                + " x 2 seeds = 24 trials"), table.out());
    }

    @Test
    void commandLineOverridesReplaceValuesAndSeeds() throws Exception {
        Path file = file("seeds: [7]\nsweep:\n  variant: [soft]\n");
        List<JsonNode> trials = trials(awb("plan", file.toString(), "--json", "-s", "optimizer.with.lr=3e-4",
                "-s", "seeds=[1,2]", "-s", "sweep.variant=[linear]"));
        assertEquals(2, trials.size());
        for (JsonNode trial : trials) {
            assertEquals(3e-4, trial.at("/config/optimizer/with/lr").asDouble(), 0);
            assertEquals("attention/linear", trial.at("/config/attention/use").asText());
        }
        assertEquals(List.of(1L, 2L), trials.stream().map(t -> t.get("seed").asLong()).toList());
    }

    @Test
    void badAxesAndOverridesAreNamedWithTheirPosition() throws Exception {
        Path file = file("""
                sweep:
                  variant: [soft]
                  optimzer.with.lr: [1.0e-3]
                  unused: [1, 2]
                """);
        Result result = awb("validate", file.toString());
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains(file + ":4:3: axis 'optimzer.with.lr': no node 'optimzer'; did you mean 'optimizer'?"),
                result.err());
        assertTrue(result.err().contains(file + ":5:3: sweep variable 'unused' is not used"), result.err());

        Path seeds = file("sweep:\n  variant: [soft]\n  seeds: [1, 2]\n");
        Result seedAxis = awb("validate", seeds.toString());
        assertEquals(2, seedAxis.code(), seedAxis.err());
        assertTrue(seedAxis.err().contains(seeds + ":4:3: seeds are replicates, not a sweep axis"), seedAxis.err());

        Path good = file("sweep:\n  variant: [soft, linear]\n");
        Result override = awb("validate", good.toString(), "-s", "optimizer.with.lrr=1");
        assertEquals(2, override.code(), override.err());
        assertTrue(override.err().contains("command line (-s optimizer.with.lrr=1):1:1: node 'optimizer':"
                + " optimizer/adam has no parameter 'lrr'; did you mean 'lr'?"), override.err());
        Result outOfRange = awb("validate", good.toString(), "-s", "sweep.variant=[soft, lineer]");
        assertEquals(2, outOfRange.code(), outOfRange.err());
        assertTrue(outOfRange.err().contains("no attention plugin 'lineer'; did you mean 'linear'?"), outOfRange.err());
    }

    @Test
    void tuningGivesEveryComparedValueTheSameBudgetAndChecksTheReportSettings() throws Exception {
        Path file = file("""
                seeds: [1, 2, 3]
                sweep:
                  variant: [soft, linear]
                tune:
                  budget: { optimizer.with.lr: [1.0e-4, 3.0e-4, 1.0e-3, 3.0e-3] }
                  select: validation.accuracy
                report: { compare: variant, baseline: soft, metrics: [test.accuracy] }
                """);
        List<JsonNode> trials = trials(awb("plan", file.toString(), "--json"));
        assertEquals(2 * 4 * 3, trials.size());
        for (String variant : List.of("soft", "linear")) {
            assertEquals(12, trials.stream().filter(t -> t.at("/labels/variant").asText().equals(variant)).count(),
                    "each compared value gets the whole budget");
        }
        Result bad = awb("validate", file.toString(), "-s", "report.baseline=sofft", "-s", "tune.select=test.accuracy");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("report.baseline: 'sofft' is not a value of 'variant'; did you mean 'soft'?;"
                + " values: [soft, linear]"), bad.err());
        assertTrue(bad.err().contains("tune.select: 'test.accuracy' must be a validation metric"), bad.err());
    }

    @Test
    void schemaDescribesTheFormatAndEveryPluginsParameters() throws Exception {
        Result result = awb("schema");
        assertEquals(0, result.code(), result.err());
        JsonNode schema = JSON.readTree(result.out());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        JsonNode soft = schema.at("/$defs/attention-soft");
        assertEquals("attention/soft", soft.at("/properties/use/anyOf/0/const").asText());
        assertTrue("attention/soft@1.0.0".matches(soft.at("/properties/use/anyOf/1/pattern").asText()),
                "a version may follow the name: " + soft.at("/properties/use"));
        JsonNode heads = soft.at("/properties/with/properties/heads");
        assertEquals(4, heads.get("default").asInt());
        assertEquals("integer", heads.at("/anyOf/0/type").asText());
        assertEquals(1.0, heads.at("/anyOf/0/minimum").asDouble(), 0);
        assertTrue(schema.at("/$defs/trainer/properties/with/properties/epochs").has("description"));
        assertTrue(schema.at("/properties/sweep").has("$ref"));
        JsonNode forms = schema.at("/$defs/node/oneOf");
        assertTrue(forms.size() >= 3, forms.toString());
    }
}
