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
import dev.awb.api.dataset.TaskSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ListOpsDatasetTests implements DatasetContract {
    private final ListOpsDataset listops = new ListOpsDataset();

    @Override
    public SequenceDataset dataset() {
        return listops;
    }

    @Override
    public Params params() {
        return Params.defaults(listops.params()).with("min_length", 10).with("max_length", 60)
                .with("train_size", 40).with("validation_size", 10).with("test_size", 20);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("min_length", 61), Map.of("operator_probability", 0.0));
    }

    @Test
    void evaluatesHandCheckedExpressions() {
        assertEquals(9, ListOpsExpression.parse("[MAX 2 9 [MIN 4 7 ] 0 ]").value());
        assertEquals(4, ListOpsExpression.parse("[MIN 5 [MAX 4 1 ] 8 ]").value());
        assertEquals(5, ListOpsExpression.parse("[MED 3 8 5 ]").value());
        assertEquals(4, ListOpsExpression.parse("[MED 3 6 9 1 ]").value(), "even count: floor of (3 + 6) / 2");
        assertEquals(3, ListOpsExpression.parse("[SM 7 8 [SM 9 9 ] ]").value(), "(7 + 8 + 8) mod 10");
        assertEquals(7, ListOpsExpression.parse("[SM [MAX 1 [MED 2 3 4 ] ] [MIN 9 9 ] 5 ]").value(), "(3 + 9 + 5) mod 10");
    }

    @Test
    void labelsAreTheValuesOfTheirExpressions() {
        Examples train = listops.generate(params(), 11).train();
        for (int n = 0; n < train.size(); n++) {
            int length = train.lengths()[n];
            assertTrue(length >= 10 && length <= 60, "length " + length);
            assertEquals(ListOpsExpression.evaluate(Arrays.copyOf(train.tokens()[n], length)), train.targets()[n][0]);
        }
    }

    @Test
    void reachesLongRangeArenaLengths() {
        Params lra = params().with("min_length", 500).with("max_length", 2000);
        assertEquals(new TaskSpec(16, 10, 2000, TaskSpec.Target.SEQUENCE), listops.spec(lra));
        int[] tokens = new int[2000];
        int[] target = {Examples.IGNORE};
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n < 5; n++) {
            Arrays.fill(tokens, 0);
            int length = listops.fill(lra, listops.spec(lra), random, tokens, target);
            assertTrue(length >= 500 && length <= 2000, "length " + length);
            assertEquals(ListOpsExpression.evaluate(Arrays.copyOf(tokens, length)), target[0]);
        }
    }

    @Test
    void rejectsMinimumAboveMaximum() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> listops.spec(params().with("min_length", 61)));
        assertEquals("min_length", e.parameter());
        assertEquals("min_length must be at most max_length (60), found 61", e.getMessage());
    }

    @Test
    void rejectsLengthsThatNeedOperatorsWhenThereAreNone() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> listops.spec(params().with("operator_probability", 0.0)));
        assertEquals("min_length", e.parameter());
    }
}
