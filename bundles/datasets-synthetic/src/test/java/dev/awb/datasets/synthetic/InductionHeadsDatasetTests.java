package dev.awb.datasets.synthetic;

import java.util.Map;
import java.util.List;
import dev.awb.testkit.DatasetContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import org.junit.jupiter.api.Test;

class InductionHeadsDatasetTests implements DatasetContract {
    private final InductionHeadsDataset induction = new InductionHeadsDataset();

    @Override
    public SequenceDataset dataset() {
        return induction;
    }

    @Override
    public Params params() {
        return Params.defaults(induction.params()).with("vocab", 10).with("length", 16)
                .with("train_size", 60).with("validation_size", 10).with("test_size", 20);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("min_gap", 16));
    }

    @Test
    void targetIsTheTokenAfterTheOnlyEarlierTrigger() {
        Examples train = induction.generate(params().with("min_gap", 6), 4).train();
        for (int n = 0; n < train.size(); n++) {
            int[] tokens = train.tokens()[n];
            int first = -1;
            for (int t = 0; t < 15; t++) {
                if (tokens[t] == InductionHeadsDataset.TRIGGER) {
                    assertEquals(-1, first, "one trigger before the last position");
                    first = t;
                }
            }
            assertTrue(first >= 0 && 15 - first >= 6, "trigger at " + first + " at least min_gap before the end");
            assertEquals(InductionHeadsDataset.TRIGGER, tokens[15]);
            assertEquals(tokens[first + 1], train.targets()[n][15]);
            for (int t = 0; t < 15; t++) {
                assertEquals(Examples.IGNORE, train.targets()[n][t]);
            }
        }
    }

    @Test
    void rejectsGapLongerThanTheSequence() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> induction.spec(params().with("min_gap", 16)));
        assertEquals("min_gap", e.parameter());
        assertEquals("min_gap must be at most length - 1 (15), found 16", e.getMessage());
    }
}
