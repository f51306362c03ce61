package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.ParamSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code awb plugin list} shows each parameter's valid values: its choices, or its range. */
class PluginListCommandTests {
    @TempDir
    Path dir;

    @Test
    void printsTheChoicesAndRangesOfTheDistributedPlugins() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        StringWriter out = new StringWriter();
        assertEquals(0, Awb.execute(new String[] {"plugin", "list", "--plugins", dir.resolve("plugins").toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(out.toString().lines().anyMatch(l -> l.trim().startsWith("estimator")
                && l.endsWith("[choices: straight-through, gumbel, reinforce]")), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.trim().startsWith("heads") && l.endsWith("[range: 1 .. 1024]")),
                out.toString());
    }

    @Test
    void writesOneSidedAndFractionalBoundsAndNothingForAnyValue() {
        assertEquals("  [range: ≥ 0.5]", PluginListCommand.allowed(ParamSpec.ofDouble("t", 1, "T").atLeast(0.5)));
        assertEquals("  [range: 0 .. 1]", PluginListCommand.allowed(ParamSpec.ofDouble("p", 0.1, "P").range(0, 1)));
        assertEquals("", PluginListCommand.allowed(ParamSpec.ofString("s", "x", "S")));
        assertEquals("  [choices: a, b]", PluginListCommand.allowed(ParamSpec.ofChoice("c", "a", "C", "a", "b")));
    }
}
