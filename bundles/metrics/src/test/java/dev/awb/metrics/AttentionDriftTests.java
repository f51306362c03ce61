package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jensen-Shannon divergences in bits, by hand. JSD((1,0),(0,1)) = 1 (disjoint). JSD((1,0),(1/2,1/2)): M = (3/4, 1/4),
 * KL(P||M) = log2(4/3) = 0.4150375, KL(Q||M) = 1/2 log2(2/3) + 1/2 log2(2) = 0.2075187, JSD = 0.3112781.
 */
class AttentionDriftTests {
    private static final double HALF_VS_ONE_HOT = (Math.log(4 / 3.0) + 0.5 * Math.log(2 / 3.0) + 0.5 * Math.log(2))
            / 2 / Math.log(2);

    private static Map<String, Double> run(AttentionProbe now, AttentionProbe before) {
        return new AttentionDrift().evaluate(Evaluation.of(AttentionEntropyTests.TASK, new int[0], new int[0])
                .withAttention(now, before), Params.defaults(List.of()));
    }

    @Test
    void jensenShannonMatchesTheHandValues() {
        assertEquals(1.0, AttentionDrift.jensenShannon(new double[] {1, 0}, new double[] {0, 1}, 2), 1e-12);
        assertEquals(0.3112781, HALF_VS_ONE_HOT, 1e-7);
        assertEquals(HALF_VS_ONE_HOT, AttentionDrift.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}, 2),
                1e-12);
        assertEquals(0.0, AttentionDrift.jensenShannon(new double[] {0.3, 0.7}, new double[] {0.3, 0.7}, 2), 1e-12);
    }

    @Test
    void unnormalisedRowsCompareByTheirShares() {
        // (0.2, 0.2) and (0.9, 0.9) spread their mass alike: no drift; (0.3, 0) vs (0, 0.6) are disjoint: 1 bit.
        assertEquals(0.0, AttentionDrift.jensenShannon(new double[] {0.2, 0.2}, new double[] {0.9, 0.9}, 2), 1e-12);
        assertEquals(1.0, AttentionDrift.jensenShannon(new double[] {0.3, 0}, new double[] {0, 0.6}, 2), 1e-12);
        assertEquals(HALF_VS_ONE_HOT, AttentionDrift.jensenShannon(new double[] {2, 0}, new double[] {0.1, 0.1}, 2),
                1e-12);
    }

    @Test
    void driftAveragesTheShiftOfEachQuerySinceThePreviousProbe() {
        // Query 0 moved from key 1 to key 0 (JSD 1), query 1 stayed uniform (JSD 0); padded query 2 ignored: 1/2.
        AttentionProbe before = new AttentionProbe(1, new int[] {2},
                List.<double[][][][]>of(new double[][][][] {{{{0, 1, 0}, {0.5, 0.5, 0}, {1, 0, 0}}}}));
        AttentionProbe now = new AttentionProbe(2, new int[] {2},
                List.<double[][][][]>of(new double[][][][] {{{{1, 0, 0}, {0.5, 0.5, 0}, {0, 0, 1}}}}));
        Map<String, Double> v = run(now, before);
        assertEquals(0.5, v.get("attention_drift"), 1e-12);
        assertEquals(0.5, v.get("attention_drift/layer0"), 1e-12);
        // Across positions, now: query 1 (1/2, 1/2) against query 0 (1, 0): 0.3112781, the only pair.
        assertEquals(HALF_VS_ONE_HOT, v.get("attention_position_drift"), 1e-12);
    }

    @Test
    void driftOverTrainingIsNaNWithoutAPreviousProbe() {
        AttentionProbe now = new AttentionProbe(1, new int[] {2},
                List.<double[][][][]>of(new double[][][][] {{{{1, 0}, {1, 0}}}}));
        Map<String, Double> v = run(now, null);
        assertTrue(v.get("attention_drift").isNaN());
        assertEquals(0.0, v.get("attention_position_drift"), 1e-12);
        assertTrue(run(null, null).get("attention_position_drift").isNaN());
    }
}
