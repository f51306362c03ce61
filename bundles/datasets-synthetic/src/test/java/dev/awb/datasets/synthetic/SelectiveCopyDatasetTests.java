package dev.awb.datasets.synthetic;

import java.util.Map;
import java.util.List;
import dev.awb.testkit.DatasetContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectiveCopyDatasetTests implements DatasetContract {
    private final SelectiveCopyDataset copy = new SelectiveCopyDataset();

    @Override
    public SequenceDataset dataset() {
        return copy;
    }

    @Override
    public Params params() {
        return Params.defaults(copy.params()).with("vocab", 12).with("tokens", 4).with("length", 20)
                .with("train_size", 40).with("validation_size", 10).with("test_size", 20);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("length", 8));
    }

    @Test
    void answersAreTheDataTokensInOrderOfAppearance() {
        Examples train = copy.generate(params(), 5).train();
        for (int n = 0; n < train.size(); n++) {
            int[] tokens = train.tokens()[n];
            int[] data = Arrays.stream(tokens, 0, 15).filter(t -> t >= 4).toArray();
            assertEquals(4, data.length, "exactly the data tokens in the context");
            assertEquals(SelectiveCopyDataset.SEPARATOR, tokens[15]);
            assertArrayEquals(new int[] {3, 3, 3, 3}, Arrays.copyOfRange(tokens, 16, 20));
            assertArrayEquals(data, Arrays.copyOfRange(train.targets()[n], 16, 20));
            int[] n0 = train.targets()[n];
            assertEquals(16, IntStream.range(0, 20).filter(t -> n0[t] == Examples.IGNORE).count());
        }
    }

    @Test
    void fillsAHandCheckedLayout() {
        int[] tokens = new int[7];
        int[] targets = new int[7];
        Arrays.fill(targets, Examples.IGNORE);
        Params tiny = params().with("tokens", 2).with("length", 7);
        copy.fill(tiny, copy.spec(tiny), new SplittableRandom(1), tokens, targets);
        int[] data = Arrays.stream(tokens, 0, 4).filter(t -> t >= 4).toArray();
        assertEquals(2, Arrays.stream(tokens, 0, 4).filter(t -> t == SelectiveCopyDataset.NOISE).count());
        assertEquals(2, data.length);
        assertArrayEquals(new int[] {2, 3, 3}, Arrays.copyOfRange(tokens, 4, 7));
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, data[0], data[1]}, targets);
    }

    @Test
    void rejectsLengthTooShortForTheAnswers() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> copy.spec(params().with("length", 8)));
        assertEquals("length", e.parameter());
        assertEquals("length must be at least 2 x tokens + 1 (9) to hold the data tokens, the separator and the "
                + "answer slots, found 8", e.getMessage());
    }
}
