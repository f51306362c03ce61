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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README maps the house as it is: its plugins table lists exactly the plugins {@code awb plugin list --json}
 * reports, each with the bundle folder it comes from, and its layout names every bundle folder and every
 * experiment file.
 */
class ReadmeTests {
    private static final Path README = Path.of("..", "README.md");
    /** A row of the plugins table: | `KIND/NAME` | `bundles/FOLDER` | what it is | */
    private static final Pattern PLUGIN_ROW = Pattern.compile("(?m)^\\| `([a-z]+/[a-z0-9-]+)` \\| `bundles/([a-z0-9-]+)` \\|");

    @TempDir
    Path plugins;

    private record Result(int code, String out, String err) {
    }

    private static Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void pluginsTableListsEveryInstalledPluginWithItsBundleFolder() throws IOException {
        Result listed = awb("plugin", "list", "--json", "--plugins", plugins.toString());
        assertEquals(0, listed.code(), listed.err());
        Map<String, String> installed = new TreeMap<>();
        for (JsonNode plugin : new ObjectMapper().readTree(listed.out())) {
            // Bundle symbolic names are dev.awb.FOLDER (STYLE.md: one name spelled four ways).
            installed.put(plugin.get("kind").asText() + "/" + plugin.get("name").asText(),
                    plugin.get("bundle").asText().replaceFirst("^dev\\.awb\\.", ""));
        }
        Map<String, String> documented = new TreeMap<>();
        Matcher row = PLUGIN_ROW.matcher(Files.readString(README));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        assertTrue(installed.size() > 30, "plugins found: " + installed);
        assertEquals(installed, documented);
    }

    @Test
    void layoutNamesEveryBundleFolderAndExperimentFile() throws IOException {
        String readme = Files.readString(README);
        String layout = readme.substring(readme.indexOf("## Layout"), readme.indexOf("### Where to add"));
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> bundles = Files.list(Path.of("..", "bundles"))) {
            bundles.filter(Files::isDirectory).map(b -> "bundles/" + b.getFileName())
                    .filter(b -> !layout.contains(b + " ") && !layout.contains(b + "\n")).forEach(missing::add);
        }
        try (Stream<Path> experiments = Files.list(Path.of("..", "experiments"))) {
            experiments.map(e -> "experiments/" + e.getFileName()).filter(e -> !layout.contains(e)).forEach(missing::add);
        }
        assertEquals(new TreeSet<>(), missing, "named nowhere in the README's layout");
    }

    @Test
    void commandsAreNamedForWhatTheyListAndTheOldNamesStillWork() {
        // command typed -> the name its usage shows ('runs' is an alias of 'studies' at the same level)
        Map<String, String> usage = Map.of("studies", "studies", "runs", "studies", "plugin list", "plugin list",
                "plugins", "plugins", "plugin new", "plugin new", "new plugin", "new plugin", "plugin check",
                "plugin check");
        usage.forEach((typed, shown) -> {
            Result help = awb(Stream.concat(Stream.of(typed.split(" ")), Stream.of("--help")).toArray(String[]::new));
            assertEquals(0, help.code(), typed + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: awb " + shown + " "), typed + ": " + help.out());
            assertTrue(help.out().contains("Exit codes:"), typed + ": " + help.out());
        });
        Result plugin = awb("plugin", "--help");
        assertTrue(plugin.out().matches("(?s).*Commands:.*list.*check.*new.*"), plugin.out());
    }
}
