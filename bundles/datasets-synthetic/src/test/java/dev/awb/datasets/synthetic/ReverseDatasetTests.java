package dev.awb.datasets.synthetic;

import java.util.Map;
import java.util.List;
import dev.awb.testkit.DatasetContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.Params;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import org.junit.jupiter.api.Test;

class ReverseDatasetTests implements DatasetContract {
    private final ReverseDataset reverse = new ReverseDataset();

    @Override
    public SequenceDataset dataset() {
        return reverse;
    }

    @Override
    public Params params() {
        return Params.defaults(reverse.params()).with("vocab", 8).with("length", 10).with("min_length", 3)
                .with("train_size", 50).with("validation_size", 10).with("test_size", 20);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("min_length", 11));
    }

    @Test
    void reversesAHandCheckedString() {
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, reverse.rearranged(new int[] {5, 1, 4, 1, 3}));
    }

    @Test
    void targetsMirrorTheRealTokensNotThePadding() {
        Examples train = reverse.generate(params(), 9).train();
        for (int n = 0; n < train.size(); n++) {
            int length = train.lengths()[n];
            for (int t = 0; t < length; t++) {
                assertEquals(train.tokens()[n][length - 1 - t], train.targets()[n][t]);
            }
        }
    }
}
