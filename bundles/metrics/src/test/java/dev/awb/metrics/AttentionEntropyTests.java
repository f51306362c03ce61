package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttentionEntropyTests {
    static final TaskSpec TASK = new TaskSpec(10, 2, 3, TaskSpec.Target.TOKEN);

    @Test
    void averagesRowEntropiesOverRealQueriesAndKeys() {
        // One example of length 2 padded to 3, one head. Layer 0: row 0 = (1/2, 1/2) -> ln 2, row 1 = (1, 0) -> 0,
        // row 2 is padding and ignored: mean ln 2 / 2. Layer 1: both rows (1/2, 1/2) -> ln 2.
        // Overall: (ln 2 + 0 + ln 2 + ln 2) / 4 = 3 ln 2 / 4.
        double[][][][] layer0 = {{{{0.5, 0.5, 0}, {1, 0, 0}, {0.2, 0.3, 0.5}}}};
        double[][][][] layer1 = {{{{0.5, 0.5, 0}, {0.5, 0.5, 0}, {0.2, 0.3, 0.5}}}};
        AttentionProbe probe = new AttentionProbe(1, new int[] {2}, List.of(layer0, layer1));
        Map<String, Double> v = new AttentionEntropy().evaluate(
                Evaluation.of(TASK, new int[0], new int[0]).withAttention(probe, null), Params.defaults(List.of()));
        assertEquals(3 * Math.log(2) / 4, v.get("attention_entropy"), 1e-12);
        assertEquals(Math.log(2) / 2, v.get("attention_entropy/layer0"), 1e-12);
        assertEquals(Math.log(2), v.get("attention_entropy/layer1"), 1e-12);
    }

    @Test
    void anUnnormalisedRowHasTheEntropyOfItsShares() {
        // Sigmoid-style weights (0.4, 0.4, 0) over two real keys: shares (1/2, 1/2), entropy ln 2, as (0.5, 0.5).
        assertEquals(Math.log(2), AttentionEntropy.entropy(new double[] {0.4, 0.4, 0.9}, 2), 1e-12);
        assertEquals(AttentionEntropy.entropy(new double[] {0.25, 0.75}, 2),
                AttentionEntropy.entropy(new double[] {0.1, 0.3}, 2), 1e-12);
        assertEquals(0.0, AttentionEntropy.entropy(new double[] {0, 0, 0}, 3), 0);
    }

    @Test
    void isNaNWithoutAttentionWeights() {
        assertTrue(new AttentionEntropy().evaluate(Evaluation.of(TASK, new int[0], new int[0]),
                Params.defaults(List.of())).get("attention_entropy").isNaN());
    }
}
