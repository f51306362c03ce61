package dev.awb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend downwards (README, "Who owns which contract"): the command line is on top, nothing
 * below it names it, and its commands are siblings that do not call each other. Checked on the sources, so a new
 * dependency fails here with the file that made it.
 */
class PackageLayeringTests {
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "awb", "runtime");
    private static final Pattern COMMAND = Pattern.compile("\\b(\\w+Command)\\b");

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void nothingBelowTheCommandLineNamesIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (file.startsWith(SOURCES.resolve("cli"))) {
                continue;
            }
            String text = Files.readString(file);
            if (text.contains("dev.awb.runtime.cli") || text.contains("runtime.cli.Awb")) {
                offenders.add(SOURCES.relativize(file).toString());
            }
        }
        assertEquals(List.of(), offenders, "files outside cli/ that name the command line");
        assertTrue(javaFiles(SOURCES).size() > 100, "the sources were found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void commandsDoNotNameEachOther() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles(SOURCES.resolve("cli"))) {
            String name = file.getFileName().toString().replace(".java", "");
            if (name.equals("Awb")) {
                continue; // the root command lists its subcommands
            }
            Set<String> named = new TreeSet<>();
            Matcher m = COMMAND.matcher(Files.readString(file));
            while (m.find()) {
                named.add(m.group(1));
            }
            named.remove(name);
            named.removeIf(other -> !Files.exists(file.resolveSibling(other + ".java")));
            if (!named.isEmpty()) {
                offenders.add(name + " names " + named);
            }
        }
        assertEquals(List.of(), offenders, "commands that call or name another command");
    }
}
