package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.awb.runtime.device.LoadedBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the corpus of bad experiment files in {@code src/test/resources/bad-experiments/} through the real
 * command line, in this one JVM: each must exit 2 with its located message, print no stack trace and write nothing.
 *
 * <p>A case is a file (or directory) of the folder; its expectation is in a sidecar {@code NAME.expect}, or else in
 * the file's leading comment lines: {@code # expect: FRAGMENT} (repeatable; {@code {file}} stands for the case's
 * path), {@code # command: run} (default {@code validate}), {@code # args: ...} (more arguments, split at spaces)
 * and {@code # requires: cpu-distribution} (skipped where the CUDA backend is in the distribution). A sidecar whose
 * file does not exist is the missing-file case.
 */
class BadExperimentsTests {
    private static final Path CORPUS = Path.of("src", "test", "resources", "bad-experiments");
    private static final String SIDECAR = ".expect";

    @TempDir
    Path dir;

    /** One case's expectation. */
    private record Expectation(List<String> fragments, String command, List<String> args, boolean cpuOnly) {
    }

    static Stream<String> cases() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path path : files.toList()) {
                String name = path.getFileName().toString();
                names.add(name.endsWith(SIDECAR) ? name.substring(0, name.length() - SIDECAR.length()) : name);
            }
        }
        return names.stream();
    }

    @Test
    void corpusHoldsAtLeastSixtyCasesEachWithAnExpectation() throws IOException {
        List<String> names = cases().toList();
        assertTrue(names.size() >= 60, "only " + names.size() + " cases");
        for (String name : names) {
            Expectation expectation = expectation(CORPUS.resolve(name));
            assertFalse(expectation.fragments().isEmpty(), name + " has no '# expect:' line");
            assertFalse(expectation.fragments().stream().anyMatch(f -> f.equals("?")), name + " has no real expectation");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsWithALocatedMessageAndWritesNothing(String name) throws IOException {
        Path file = CORPUS.resolve(name);
        Expectation expectation = expectation(file);
        assumeFalse(expectation.cpuOnly() && LoadedBackend.cudaInDistribution(),
                "the CUDA backend is in this distribution");
        Map<Path, Long> corpusBefore = snapshot(CORPUS);
        List<String> args = new ArrayList<>(List.of(expectation.command(), file.toString()));
        expectation.args().forEach(a -> args.add(a.replace("{file}", file.toString())));
        args.addAll(List.of("--plugins", dir.resolve("plugins").toString()));
        if (expectation.command().equals("run") && !expectation.args().contains("--runs")) {
            args.addAll(List.of("--runs", dir.resolve("runs").toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        String printed = out + "\n" + err;
        assertEquals(2, code, "exit code of " + args + "\n" + printed);
        for (String fragment : expectation.fragments()) {
            String expected = "error: " + fragment.replace("{file}", file.toString());
            assertTrue(err.toString().contains(expected), "expected\n  " + expected + "\nin\n" + printed);
        }
        assertFalse(printed.contains("\tat ") || printed.contains("Caused by:") || printed.contains("Exception in thread"),
                "a stack trace was printed:\n" + printed);
        try (Stream<Path> written = Files.list(dir)) {
            List<String> left = written.map(p -> p.getFileName().toString()).filter(n -> !n.equals("plugins")).toList();
            assertEquals(List.of(), left, "nothing may be written (no runs directory, no store)\n" + printed);
        }
        assertEquals(corpusBefore, snapshot(CORPUS), "nothing may be written beside the experiment file");
    }

    /** The checks are not stricter than the rules: per-layer and cost metrics of configured metrics validate. */
    @Test
    void acceptsMetricNamesTheStudyRecords() throws IOException {
        Path file = dir.resolve("good.yaml");
        String text = Files.readString(CORPUS.resolve("override-misspelled-node.yaml"))
                + "tune: { budget: { optimizer.with.lr: [1.0e-3, 3.0e-3] }, select: validation.loss }\n"
                + "report: { metrics: [test.accuracy, test.loss, cost.parameters, cost.train_tokens_per_s] }\n";
        Files.writeString(file, text.replace("use: [metric/accuracy, metric/loss]",
                "use: [metric/accuracy, metric/loss, metric/attention-entropy, metric/f1]")
                .replace("test.loss,", "test.loss, test.attention_entropy/layer0, test.f1_macro, test.f1/7,"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"validate", file.toString(), "--plugins", dir.resolve("plugins").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
    }

    /** A file of 10 GiB (sparse: no disk is used) is refused from its size at once, without being read. */
    @Test
    void refusesAHugeFileByItsSizeBeforeReadingIt() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(10L << 30);
        }
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"validate", huge.toString(), "--plugins", dir.resolve("plugins").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("error: " + huge + ": is 10,737,418,240 bytes; experiment files are limited"
                + " to 1,048,576 bytes (1 MiB)"), err.toString());
    }

    /** The file just over the limit is refused, the file at the limit is read (and fails only as YAML would). */
    @Test
    void theSizeLimitIsOneMebibyteExactly() throws IOException {
        Path over = dir.resolve("over.yaml");
        Files.writeString(over, "#".repeat((1 << 20) + 1));
        StringWriter err = new StringWriter();
        assertEquals(2, Awb.execute(new String[] {"validate", over.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("is 1,048,577 bytes; experiment files are limited"), err.toString());
        Path at = dir.resolve("at.yaml");
        Files.writeString(at, "#".repeat(1 << 20));
        StringWriter atErr = new StringWriter();
        assertEquals(2, Awb.execute(new String[] {"validate", at.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(atErr, true)));
        assertTrue(atErr.toString().contains("error: " + at + ":1:1: an experiment file is a mapping"), atErr.toString());
    }

    private static Expectation expectation(Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR);
        List<String> header = new ArrayList<>();
        List<String> lines = Files.exists(sidecar) ? Files.readAllLines(sidecar, StandardCharsets.UTF_8)
                : Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (!line.startsWith("#")) {
                break;
            }
            header.add(line);
        }
        List<String> fragments = new ArrayList<>();
        String command = "validate";
        List<String> args = new ArrayList<>();
        boolean cpuOnly = false;
        for (String line : header) {
            String text = line.substring(1).strip();
            if (text.startsWith("expect:")) {
                fragments.add(text.substring("expect:".length()).strip());
            } else if (text.startsWith("command:")) {
                command = text.substring("command:".length()).strip();
            } else if (text.startsWith("args:")) {
                args.addAll(Arrays.asList(text.substring("args:".length()).strip().split(" ")));
            } else if (text.equals("requires: cpu-distribution")) {
                cpuOnly = true;
            }
        }
        return new Expectation(fragments, command, args, cpuOnly);
    }

    /** Every path under {@code folder} with its size. */
    private static Map<Path, Long> snapshot(Path folder) throws IOException {
        Map<Path, Long> sizes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                sizes.put(path, Files.isRegularFile(path) ? Files.size(path) : -1L);
            }
        }
        return sizes;
    }
}
