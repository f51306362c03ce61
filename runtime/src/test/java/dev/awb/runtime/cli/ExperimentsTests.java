package dev.awb.runtime.cli;

import static dev.awb.runtime.store.StoreRows.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ready-made study in {@code experiments/} runs to the end through the real CLI, on a reduced size given as
 * {@code -s} overrides (one seed, one epoch, tiny data, short sequences, a few sweep points that still use every
 * dataset and attention node): every trial finishes and the report is written. A new experiment file fails here
 * until it has its reduced overrides. Trials run in this process ({@code --workers 0}) to keep CI short.
 */
class ExperimentsTests {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");
    private static final Path DATASETS = Path.of("..", "datasets");
    private static final List<String> TINY_MQAR = List.of("train_size=64", "validation_size=16", "test_size=16");

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    /** The experiment files, by name. */
    static Stream<String> experiments() throws IOException {
        try (Stream<Path> files = Files.list(EXPERIMENTS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** The reduced-size overrides of {@code experiment}; tiny copies of shipped data files go into the temp dir. */
    private List<String> reduced(String experiment) throws IOException {
        List<String> s = new ArrayList<>(List.of("seeds=[1]", "train.with.epochs=1"));
        switch (experiment) {
            case "quickstart.yaml", "recall-easy.yaml" -> TINY_MQAR.forEach(o -> s.add("data.with." + o));
            case "digits.yaml" -> s.add("data.with.train=" + head(DATASETS.resolve("digits/digits.csv"), 121));
            case "listops.yaml" -> s.addAll(List.of("data.with.train_size=64", "data.with.validation_size=16",
                    "data.with.test_size=16", "data.with.max_length=40"));
            case "text-classification.yaml" -> s.add("data.with.train=" + names());
            case "ner.yaml" -> {
                for (String split : List.of("train", "validation", "test")) {
                    s.add("data.with." + split + "=" + sentences(DATASETS.resolve("sherlock-ner/" + split + ".conll"), 40));
                }
                s.add("data.with.length=24");
            }
            case "attention-ablation.yaml" -> {
                // Every task and every variant once, in 4 trials instead of 10 x 3.
                s.add("sweep.zip={task: [mqar, mqar, copy, names], variant: [interactive, linear, hard, soft]}");
                TINY_MQAR.forEach(o -> s.add("mqar.with." + o));
                TINY_MQAR.forEach(o -> s.add("copy.with." + o));
                s.add("names.with.train=" + names());
            }
            case "length-scaling.yaml" -> {
                s.add("sweep.copy.with.length=[32, 64]");
                List.of("train_size=16", "validation_size=8", "test_size=8").forEach(o -> s.add("copy.with." + o));
            }
            default -> throw new AssertionError("experiments/" + experiment + " has no reduced-size overrides in "
                    + "ExperimentsTests: add them so that CI runs it");
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experiments")
    void experimentRunsToTheEndOnAReducedSize(String experiment) throws Exception {
        Path runs = dir.resolve("runs");
        List<String> args = new ArrayList<>(List.of("run", EXPERIMENTS.resolve(experiment).toString(), "--runs",
                runs.toString(), "--workers", "0"));
        reduced(experiment).forEach(o -> args.addAll(List.of("-s", o)));
        Result result = awb(args);
        assertEquals(0, result.code(), result.err());

        String study = experiment.replace(".yaml", "");
        Path planned = runs.resolve(study).resolve("plan.jsonl");
        long trials = Files.readAllLines(planned).stream().filter(l -> !l.isBlank()).count();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + runs.resolve("awb.sqlite"))) {
            List<String> statuses = column(db, "SELECT status FROM trials");
            assertEquals(trials, statuses.size(), "one stored trial per planned trial");
            assertEquals(Set.of("finished"), new TreeSet<>(statuses), result.err());
            assertEquals(trials, column(db, "SELECT trial_id FROM metrics WHERE split = 'test' AND name = 'accuracy'"
                    + " AND epoch IS NULL").size(), "a test accuracy per trial");
            if (experiment.equals("attention-ablation.yaml")) {
                // Linear attention's weights are implicit; the probe must still get them (entropy not NaN).
                List<String> entropy = column(db, "SELECT m.value FROM metrics m JOIN trials t ON t.id = m.trial_id"
                        + " WHERE m.split = 'test' AND m.name = 'attention_entropy' AND t.labels LIKE '%linear%'");
                assertEquals(1, entropy.size());
                double value = Double.parseDouble(entropy.get(0));
                assertTrue(value > 0 && Double.isFinite(value), "linear attention entropy " + value);
            }
        }
        for (String report : List.of("report.html", "report.md", "results.csv")) {
            assertTrue(Files.size(runs.resolve(study).resolve(report)) > 0, report);
        }
    }

    @Test
    void skippedRecordsReachTheStoreAndTheReport() throws Exception {
        Path names = names();
        List<String> lines = new ArrayList<>(Files.readAllLines(names));
        lines.add(5, "Malformed,female,extra column");
        lines.add(9, "Nogender");
        Files.write(names, lines);
        Path runs = dir.resolve("runs");
        Result result = awb(List.of("run", EXPERIMENTS.resolve("text-classification.yaml").toString(), "--runs",
                runs.toString(), "--workers", "0", "-s", "train.with.epochs=1", "-s", "data.with.train=" + names,
                "-s", "data.with.skip_bad_records=true"));
        assertEquals(0, result.code(), result.err());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + runs.resolve("awb.sqlite"))) {
            assertEquals(List.of("2.0"), column(db, "SELECT value FROM metrics WHERE split = 'data'"
                    + " AND name = 'skipped_records'"));
        }
        String report = Files.readString(runs.resolve("text-classification").resolve("report.md")).replace("\\", "");
        assertTrue(report.contains("data.skipped_records") && report.contains("2 (in each of 1 finished trial(s))"),
                report.lines().limit(30).toList().toString());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    private Result awb(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--plugins", dir.resolve("plugins").toString()));
        int code = Awb.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The first 300 names (both genders) of datasets/names. */
    private Path names() throws IOException {
        return head(DATASETS.resolve("names/names.csv"), 301);
    }

    /** The first {@code lines} lines of {@code file}, as a file of the same name in the temp dir. */
    private Path head(Path file, int lines) throws IOException {
        Path copy = dir.resolve(file.getFileName());
        try (Stream<String> all = Files.lines(file)) {
            Files.write(copy, all.limit(lines).toList());
        }
        return copy.toAbsolutePath();
    }

    /** The first {@code count} sentences of a CoNLL file, as a file of the same name in the temp dir. */
    private Path sentences(Path file, int count) throws IOException {
        List<String> kept = new ArrayList<>();
        int blank = 0;
        for (String line : Files.readAllLines(file)) {
            kept.add(line);
            if (line.isBlank() && ++blank > count) {
                break;
            }
        }
        Path copy = dir.resolve(file.getFileName());
        Files.write(copy, kept);
        return copy.toAbsolutePath();
    }

}
