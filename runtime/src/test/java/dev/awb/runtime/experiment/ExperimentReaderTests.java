package dev.awb.runtime.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentReaderTests {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void keepsEveryValueWithItsLineAndColumn() throws Exception {
        Path file = write("""
                experiment: demo
                seeds: [3, 4]
                graph:
                  attention: { use: attention/soft, with: { heads: 2, scale: 1.5e-3, on: true } }
                  train: { use: trainer, inputs: [attention] }
                """);
        ExperimentFile experiment = ExperimentReader.read(file);
        assertEquals("demo", experiment.name());
        assertEquals(List.of(3L, 4L), experiment.seeds());
        ExperimentFile.Node attention = experiment.nodes().get("attention");
        assertEquals("attention/soft", attention.uses().get(0).value());
        assertEquals(new Location(file.toString(), 4, 21), attention.uses().get(0).location());
        assertEquals(2, attention.with().get("heads").value());
        assertEquals(1.5e-3, attention.with().get("scale").value());
        assertEquals(true, attention.with().get("on").value());
        assertEquals(new Location(file.toString(), 5, 35), experiment.nodes().get("train").inputs().get(0).location());
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() throws Exception {
        Path file = write("experiment: demo\ngraph:\n  a: { use: x\n  b: [\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));
        Problem problem = e.problems().get(0);
        assertEquals(file.toString(), problem.location().file());
        assertTrue(problem.location().line() >= 3, problem.toString());
        assertTrue(problem.location().column() >= 1, problem.toString());
        assertTrue(problem.message().startsWith("YAML syntax error"), problem.message());
    }

    @Test
    void rejectsUnknownKeysWithSuggestion() throws Exception {
        Path file = write("experiment: demo\nseed: [1]\ngraph:\n  a: { use: trainer, wiht: {} }\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals(file + ":2:1: top level: unknown key 'seed'; did you mean 'seeds'?; valid keys: "
                + "[description, device, experiment, graph, report, seeds, store, sweep, tune]", e.problems().get(0).toString());
        assertTrue(e.problems().get(1).toString().startsWith(file + ":4:22: node 'a': unknown key 'wiht'; did you mean 'with'?"),
                e.problems().get(1).toString());
    }

    @Test
    void readsTheDeviceAndLetsAnOverrideReplaceIt() throws Exception {
        Path file = write("experiment: demo\ndevice: cuda:1\ngraph:\n  a: { use: trainer }\n");
        assertEquals(new dev.awb.runtime.device.Device(true, 1), ExperimentReader.read(file).device());
        assertEquals(dev.awb.runtime.device.Device.CPU, ExperimentReader.read(file, List.of("device=cpu")).device());
        assertEquals(null, ExperimentReader.read(write("experiment: demo\ngraph:\n  a: { use: trainer }\n")).device());
    }

    @Test
    void rejectsAnUnknownDeviceAtItsPosition() throws Exception {
        Path file = write("experiment: demo\ndevice: gpu0\ngraph:\n  a: { use: trainer }\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));
        assertEquals(file + ":2:9: device must be one of cpu, cuda, cuda:N (N = a visible GPU's index, 0 or more),"
                + " found 'gpu0'", e.problems().get(0).toString());
        ExperimentException override = assertThrows(ExperimentException.class,
                () -> ExperimentReader.read(file, List.of("device=cuda:x")));
        assertTrue(override.problems().get(0).toString().startsWith("command line (-s device=cuda:x):1:1: device must"
                + " be one of"), override.problems().get(0).toString());
    }

    @Test
    void rejectsNonIntegerSeeds() throws Exception {
        Path file = write("experiment: demo\nseeds: [1, two]\ngraph:\n  a: { use: trainer }\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));
        assertEquals(file + ":2:12: seeds must be integers, found 'two'", e.problems().get(0).toString());
    }

    @Test
    void readsTheNumbersYamlWritesPlainly() throws Exception {
        Path file = write("""
                experiment: Study_2.v-3
                seeds: [0, -7, 9223372036854775807, 0x1F, 1_000]
                graph:
                  a: { use: trainer, with: { x: 1.5, y: -.5, z: 1e-3, w: +2, v: 2.0e+3, u: yes, t: "010" } }
                """);
        ExperimentFile experiment = ExperimentReader.read(file);
        assertEquals("Study_2.v-3", experiment.name());
        assertEquals(List.of(0L, -7L, Long.MAX_VALUE, 31L, 1000L), experiment.seeds());
        var with = experiment.nodes().get("a").with();
        assertEquals(1.5, with.get("x").value());
        assertEquals(-0.5, with.get("y").value());
        assertEquals(1.0e-3, with.get("z").value());
        assertEquals(2, with.get("w").value());
        assertEquals(2000.0, with.get("v").value());
        assertEquals(true, with.get("u").value());
        assertEquals("010", with.get("t").value(), "quoted, a leading zero is text");
    }

    @Test
    void acceptsSafeNamesAndRefusesUnsafeOnes() {
        for (String name : List.of("quickstart", "attention-ablation", "a", "9", "x.y_z-1", "A".repeat(64))) {
            assertEquals(null, Limits.nameProblem(name), name);
        }
        for (String name : List.of("", " ", "..", "a/b", "a\\b", "-a", ".a", "_a", "a b", "a:b", "ä", "A".repeat(65),
                "a..b", "a\nb")) {
            assertTrue(Limits.nameProblem(name) != null, name);
        }
    }

    @Test
    void reportsEveryDuplicateKeyWithBothPositions() throws Exception {
        Path file = write("experiment: demo\ngraph:\n  a: { use: trainer, with: { x: 1, x: 2 } }\n  a: { use: trainer }\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));
        assertEquals(List.of(file + ":3:36: duplicate key 'x' in graph.a.with (first at line 3, column 30): keys of a YAML"
                + " mapping are unique; remove or rename one", file + ":4:3: duplicate node name 'a' in graph (first at line"
                + " 3, column 3): keys of a YAML mapping are unique; remove or rename one"),
                e.problems().stream().map(Problem::toString).toList());
    }
}
