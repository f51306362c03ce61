package dev.awb.datasets.synthetic;

import java.util.Map;
import java.util.List;
import dev.awb.testkit.DatasetContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SortDatasetTests implements DatasetContract {
    private final SortDataset sort = new SortDataset();

    @Override
    public SequenceDataset dataset() {
        return sort;
    }

    @Override
    public Params params() {
        return Params.defaults(sort.params()).with("vocab", 8).with("length", 12).with("min_length", 4)
                .with("train_size", 50).with("validation_size", 10).with("test_size", 20);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("min_length", 13));
    }

    @Test
    void sortsAHandCheckedString() {
        assertArrayEquals(new int[] {1, 2, 2, 5, 7}, sort.rearranged(new int[] {5, 2, 7, 1, 2}));
    }

    @Test
    void targetsAreTheSortedInputAndIgnoredOnPadding() {
        Examples train = sort.generate(params(), 2).train();
        boolean variedLength = false;
        for (int n = 0; n < train.size(); n++) {
            int length = train.lengths()[n];
            variedLength |= length < 12;
            int[] expected = Arrays.copyOf(train.tokens()[n], length);
            Arrays.sort(expected);
            assertArrayEquals(expected, Arrays.copyOf(train.targets()[n], length));
            for (int t = length; t < 12; t++) {
                assertEquals(Examples.IGNORE, train.targets()[n][t]);
            }
        }
        assertTrue(variedLength, "min_length below length gives shorter strings");
    }

    @Test
    void rejectsMinimumAboveLength() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> sort.spec(params().with("min_length", 13)));
        assertEquals("min_length", e.parameter());
        assertEquals("min_length must be at most length (12), found 13", e.getMessage());
    }
}
