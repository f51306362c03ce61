package dev.awb.datasets.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFromImageDatasetTests {
    private final SequenceFromImageDataset dataset = new SequenceFromImageDataset();

    @TempDir
    Path dir;

    private Params params(Path file) {
        return Params.defaults(dataset.params()).with("train", file.toString()).with("validation", file.toString())
                .with("test", file.toString()).with("width", 2).with("height", 2);
    }

    @Test
    void readsPixelsRowMajorAsOneTokenPerIntensity() throws IOException {
        Path file = Files.writeString(dir.resolve("img.csv"), "p0,p1,p2,p3,label\n0,16,3,8,7\n1,1,1,1,10\n");
        TaskData data = dataset.generate(params(file), 1);
        assertEquals(new TaskSpec(18, 2, 4, TaskSpec.Target.SEQUENCE, List.of("7", "10")), data.spec());
        assertArrayEquals(new int[] {1, 17, 4, 9}, data.train().tokens()[0]);
        assertArrayEquals(new int[][] {{0}, {1}}, data.train().targets());
        assertArrayEquals(new int[] {4, 4}, data.train().lengths());
    }

    @Test
    void quantizesIntensitiesIntoLevels() {
        assertEquals(1, SequenceFromImageDataset.token(0, 255, 4));
        assertEquals(2, SequenceFromImageDataset.token(64, 255, 4));
        assertEquals(4, SequenceFromImageDataset.token(255, 255, 4), "the largest value falls in the top bin");
    }

    @Test
    void malformedRowsAndHeadersNameFileAndLine() throws IOException {
        Path pixel = Files.writeString(dir.resolve("bad.csv"), "label,a,b,c,d\n1,0,0,0,0\n2,0,17,0,0\n");
        assertEquals(pixel + " line 3: pixel 1 is '17', not a number in [0, 16.0]",
                assertThrows(MalformedRecordException.class, () -> dataset.spec(params(pixel))).getMessage());
        Path header = Files.writeString(dir.resolve("header.csv"), "label,a,b,c\n1,0,0,0\n");
        assertEquals(header + " line 1: expected 'label' and 4 pixel columns, found 4 columns",
                assertThrows(MalformedRecordException.class, () -> dataset.spec(params(header))).getMessage());
    }
}
