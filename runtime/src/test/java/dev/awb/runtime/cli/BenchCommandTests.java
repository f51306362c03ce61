package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb bench} end to end on tiny sizes: every cell in a child process of its own (a JVM for awb, Python for
 * PyTorch), results gathered into the Markdown tables.
 */
class BenchCommandTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    /** Timing that makes a cell take seconds: one repetition of one step, no waiting for a quiet machine. */
    private static final List<String> QUICK = List.of("--reps", "1", "--warmup", "1", "--min-warmup-seconds", "0",
            "--min-rep-seconds", "0", "--quiet-wait-seconds", "0", "--experiment", QUICKSTART.toString());

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result awb(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.concat(Stream.of("bench"), args.stream()),
                Stream.of("--plugins", dir.resolve("plugins").toString())).toArray(String[]::new);
        int code = Awb.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> with(List<String> args) {
        return Stream.concat(QUICK.stream(), args.stream()).toList();
    }

    @Test
    void measuresEachWorkloadInItsOwnProcessAndReportsItsPeakMemory() throws Exception {
        Path json = dir.resolve("results.json");
        Result result = awb(with(List.of("--variants", "linear", "--lengths", "8", "--step-lengths", "16",
                "--json", json.toString())));
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("| attention | linear | 8 |"), result.out());
        assertTrue(result.out().contains("| step | linear | 16 |"), result.out());
        assertFalse(result.out().contains("failed"), result.out());
        assertFalse(result.out().contains("Added differentiated op"), "SameDiff's chatter must be muted");
        String results = Files.readString(json);
        // Each child reports its own high-water mark: positive, and not one number repeated across rows.
        List<Long> peaks = java.util.regex.Pattern.compile("\"peakBytes\" : (\\d+)").matcher(results).results()
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertEquals(2, peaks.size(), results);
        assertTrue(peaks.stream().allMatch(p -> p > 50L << 20), peaks.toString());
        assertTrue(result.err().contains("[bench 1/2] awb attention linear L=8"), result.err());
    }

    @Test
    void rejectsAnUnknownFrameworkAnUnknownNativeVariantAndABadLength() {
        Result framework = awb(with(List.of("--against", "jax")));
        assertEquals(2, framework.code());
        assertTrue(framework.err().contains("--against: unknown framework 'jax'; valid: [pytorch]"), framework.err());
        Result variant = awb(with(List.of("--natives", "avx1024")));
        assertEquals(2, variant.code());
        assertTrue(variant.err().contains("--natives: no native variant 'avx1024'"), variant.err());
        Result length = awb(with(List.of("--lengths", "8,zero")));
        assertEquals(2, length.code());
        assertTrue(length.err().contains("--lengths: 'zero' is not a positive length"), length.err());
    }

    @Test
    void saysWhatToInstallWhenPythonIsMissing() {
        Result result = awb(with(List.of("--against", "pytorch", "--python", dir.resolve("no-python").toString(),
                "--lengths", "8", "--step-lengths", "")));
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().contains("no Python interpreter at " + dir.resolve("no-python")), result.err());
        assertTrue(result.err().contains("apt-get install python3-torch"), result.err());
        assertTrue(result.err().contains("run without --against"), result.err());
    }

    @Test
    void buildsTheSameModelsInPyTorchAndPrintsTheirRatios() throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 cannot import torch (Debian: apt-get install python3-torch)");
        Result result = awb(with(List.of("--against", "pytorch", "--variants", "soft,linear", "--lengths", "",
                "--step-lengths", "16")));
        assertEquals(0, result.code(), result.err());
        for (String row : List.of("| step | soft | 16 |", "| step | linear | 16 |")) {
            assertTrue(result.out().lines().anyMatch(l -> l.startsWith(row) && l.matches(".*\\| [0-9.]+ \\|$")),
                    row + " without a memory ratio in\n" + result.out());
        }
        assertFalse(result.out().contains("failed"), result.out());
        // Equal trainable parameter counts on both sides: the PyTorch models are awb's, layer for layer.
        assertFalse(result.out().contains("the two models differ"), result.out());
        assertTrue(result.out().contains("blas mapped:"), result.out());
        // Interleaved: awb, torch, awb, torch...
        assertTrue(result.err().indexOf("[bench 1/4] awb step soft") < result.err().indexOf("[bench 2/4] torch step soft"),
                result.err());
    }

    private static boolean torchAvailable() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
