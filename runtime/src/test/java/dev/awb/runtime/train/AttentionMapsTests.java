package dev.awb.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attention maps file is one type: what a trial writes is what the report reads. */
class AttentionMapsTests {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrites() {
        double[][][][] layers = {{{{1, 0}, {0.25, 0.75}}}};
        Path file = dir.resolve("trials/abc/attention.json");
        new AttentionMaps("abc", List.of(new AttentionMaps.Example(new int[] {5, 6}, 2, layers))).write(file);
        AttentionMaps read = AttentionMaps.read(file).orElseThrow();
        assertEquals("abc", read.trial());
        assertArrayEquals(new int[] {5, 6}, read.examples().get(0).tokens());
        assertEquals(2, read.examples().get(0).length());
        assertArrayEquals(new double[] {0.25, 0.75}, read.examples().get(0).layers()[0][0][1], 0);
    }

    @Test
    void isAbsentWithoutAFile() {
        assertTrue(AttentionMaps.read(dir.resolve("none.json")).isEmpty());
        assertTrue(Files.notExists(dir.resolve("none.json")));
    }
}
