package dev.awb.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.cli.Awb;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study is one configuration set (issue 13): a re-run with other settings is refused instead of pooled, a
 * re-run that only adds or drops seeds or points continues it, reports count the current plan only, and a
 * trial's id covers the content of the data files it reads.
 */
class StudyIdentityTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path mqar() throws IOException {
        Path file = dir.resolve("identity.yaml");
        Files.writeString(file, """
                experiment: identity
                seeds: [1]
                graph:
                  data:
                    use: dataset/mqar
                    with: { vocab: 34, pairs: 4, queries: 4, train_size: 64, validation_size: 16, test_size: 16 }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model:
                    use: model/transformer-encoder
                    inputs: [data, attention]
                    with: { layers: 1, d_model: 16 }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-3 } }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 1, batch: 32 } }
                  evaluate: { use: [metric/accuracy, metric/loss] }
                """);
        return file;
    }

    private record Result(int code, String out, String err) {
    }

    private Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(Path file, String... overrides) {
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--runs", dir.resolve("runs").toString(),
                "--plugins", dir.resolve("plugins").toString(), "--workers", "0"));
        for (String override : overrides) {
            if (override.startsWith("--")) {
                args.add(override);
            } else {
                args.addAll(List.of("-s", override));
            }
        }
        return awb(args.toArray(String[]::new));
    }

    private ResultsStore store() {
        return ResultsStore.open(dir.resolve("runs/awb.sqlite").toString());
    }

    @Test
    void refusesARerunWhoseSettingsDifferAndContinuesOneThatAddsSeeds() throws Exception {
        Path file = mqar();
        Result first = run(file, "train.with.epochs=1");
        assertEquals(0, first.code(), first.err());

        Result other = run(file, "train.with.epochs=2");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("identity.yaml:1:"), other.err());
        assertTrue(other.err().contains("trainer.epochs: 1 in the study, 2 now"), other.err());
        assertTrue(other.err().contains("--fresh"), other.err());
        assertFalse(other.err().contains("Exception"), other.err());
        try (ResultsStore store = store()) {
            assertEquals(1, store.allTrials("identity").size(), "the refused run registered nothing");
            assertEquals("[\"train.with.epochs=1\"]",
                    JSON.readTree(store.study("identity").orElseThrow().spec()).get("overrides").toString());
        }

        Result fresh = run(file, "train.with.epochs=2", "--fresh");
        assertEquals(0, fresh.code(), fresh.err());
        Result more = run(file, "train.with.epochs=2", "seeds=[1, 2]");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.err().contains("study identity-2, continued"), more.err());
        try (ResultsStore store = store()) {
            assertEquals(1, store.trials("identity").size());
            List<TrialRecord> continued = store.trials("identity-2");
            assertEquals(List.of(1L, 2L), continued.stream().map(TrialRecord::seed).toList());
            assertEquals(1, continued.stream().map(t -> ReplicateCheck.replicateKey(t.config())).distinct().count(),
                    "the continued study's trials are replicates");
        }
        String report = Files.readString(dir.resolve("runs/identity-2/report.md"));
        assertTrue(report.contains("-s train.with.epochs=2 -s seeds=\\[1, 2\\]"), report);
    }

    @Test
    void reportsAndCountsCoverTheCurrentPlanOnly() throws Exception {
        Path file = mqar();
        assertEquals(0, run(file, "seeds=[1, 2, 3]").code());
        Result fewer = run(file, "seeds=[2]");
        assertEquals(0, fewer.code(), fewer.err());
        try (ResultsStore store = store()) {
            List<TrialRecord> current = store.trials("identity");
            assertEquals(1, current.size());
            assertEquals(2L, current.get(0).seed());
            assertEquals(1, current.get(0).index(), "the current plan numbers its trials from 1");
            assertEquals(Map.of("finished", 1), store.statusCounts("identity"));
            List<TrialRecord> all = store.allTrials("identity");
            assertEquals(3, all.size(), "earlier plans' trials are kept");
            assertEquals(List.of(1, 0, 0), all.stream().map(TrialRecord::index).toList());
        }
        String report = Files.readString(dir.resolve("runs/identity/report.md"));
        assertTrue(report.contains("1 {finished=1}"), report);
        // Going back to the wider plan finds the earlier trials finished: nothing trains again.
        Result back = run(file, "seeds=[1, 2, 3]");
        assertEquals(0, back.code(), back.err());
        assertTrue(back.err().contains("3 finished before"), back.err());
    }

    @Test
    void aDataFilesContentIsPartOfTheTrialsIdentity() throws Exception {
        Path data = dir.resolve("names.csv");
        StringBuilder csv = new StringBuilder("name,gender\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? "anna" : "bob").append(i).append(',').append(i % 2 == 0 ? "f" : "m").append('\n');
        }
        Files.writeString(data, csv);
        Path file = dir.resolve("text.yaml");
        Files.writeString(file, """
                experiment: text
                seeds: [1]
                graph:
                  data:
                    use: dataset/text-classification
                    with: { train: names.csv, text_column: name, label_column: gender, tokens: char, length: 8 }
                  attention: { use: attention/soft, with: { heads: 2 } }
                  model: { use: model/transformer-encoder, inputs: [data, attention], with: { layers: 1, d_model: 16 } }
                  optimizer: { use: optimizer/adam, with: { lr: 1.0e-3 } }
                  train: { use: trainer, inputs: [model, data, optimizer], with: { epochs: 1, batch: 16 } }
                  evaluate: { use: [metric/accuracy] }
                """);
        JsonNode before = plan(file);
        assertEquals("sha256:" + sha256(Files.readAllBytes(data)),
                before.get("config").get("data_sha256").get("data.train").asText());

        Result ran = run(file);
        assertEquals(0, ran.code(), ran.err());
        try (ResultsStore store = store()) {
            String provenance = store.provenance("text", before.get("id").asText()).orElseThrow();
            assertEquals("sha256:" + sha256(Files.readAllBytes(data)),
                    JSON.readTree(provenance).get("data").get("data.train").asText());
        }

        // Swap every label: same path, same size, other content.
        Files.writeString(data, csv.toString().replace(",f\n", ",x\n").replace(",m\n", ",f\n").replace(",x\n", ",m\n"));
        JsonNode after = plan(file);
        assertNotEquals(before.get("id").asText(), after.get("id").asText());
        Result rerun = run(file);
        assertEquals(2, rerun.code(), "the study's finished trial was trained on other data: " + rerun.err());
        assertTrue(rerun.err().contains("data_sha256.data.train"), rerun.err());
        Result fresh = run(file, "--fresh");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.err().contains("[done] 1 finished"), fresh.err());
    }

    @Test
    void twoDriversOpeningANewStudyAtOnceBothGetIt() throws Exception {
        dev.awb.runtime.experiment.ExperimentFile experiment = dev.awb.runtime.experiment.ExperimentReader.read(mqar());
        dev.awb.runtime.experiment.StudyPlan plan = new dev.awb.runtime.experiment.StudyPlan(experiment, List.of(),
                "0 trials", dev.awb.runtime.experiment.StudySpec.NONE);
        Path store = dir.resolve("runs/awb.sqlite");
        Files.createDirectories(store.getParent());
        try (ResultsStore first = ResultsStore.open(store.toString())) {
            assertTrue(first.studies().isEmpty());
        }
        for (int round = 0; round < 10; round++) {
            boolean fresh = round > 0;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<String> open = () -> {
                try (ResultsStore results = ResultsStore.open(store.toString())) {
                    start.await();
                    return Study.open(results, plan, List.of(), dir.resolve("runs"), fresh, "r", "v").id();
                }
            };
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(open);
                var b = pool.submit(open);
                String idA = a.get();
                String idB = b.get();
                if (fresh) {
                    assertNotEquals(idA, idB, "two --fresh runs at once get a study each");
                } else {
                    assertEquals(idA, idB, "the second driver continues the study the first created");
                }
            } finally {
                pool.shutdown();
            }
        }
        try (ResultsStore results = ResultsStore.open(store.toString())) {
            assertEquals(19, results.studies().size(), "1 shared study, then 9 rounds of 2 fresh ones");
        }
    }

    private JsonNode plan(Path file) throws IOException {
        Result plan = awb("plan", file.toString(), "--json", "--plugins", dir.resolve("plugins").toString());
        assertEquals(0, plan.code(), plan.err());
        List<String> lines = plan.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), plan.out());
        return JSON.readTree(lines.get(0));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
