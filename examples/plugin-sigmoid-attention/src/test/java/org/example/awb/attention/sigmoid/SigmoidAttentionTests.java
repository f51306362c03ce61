package org.example.awb.attention.sigmoid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sigmoid attention runs the awb attention contract (with its weights declared unnormalised) and gives the paper's
 * starting weights.
 */
class SigmoidAttentionTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new SigmoidAttention();
    }

    /** The attention weights for input {@code x} [1, 4, 8], with one head. */
    private INDArray weights(INDArray x, Params params) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, 4, 8);
        SDVariable weights = mechanism().attend(new GraphContext(sd, DataType.DOUBLE, 1),
                AttentionInputs.self("a", in, null, false, 4, 8).withWeights(), params).weights();
        return sd.output(Map.of("x", x), weights.name()).get(weights.name());
    }

    @Test
    void aZeroInputGivesEveryKeyTheWeightOneOverOnePlusN() {
        // x = 0 gives q = k = 0 (the projections' biases start at 0): every score is 0, every weight σ(−ln 4) = 1/5,
        // so each row sums to 4/5, not 1; without the bias every weight is σ(0) = 1/2.
        Params params = Params.defaults(mechanism().params()).with("heads", 1);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 4, 8);
        INDArray w = weights(zero, params);
        assertEquals(0.2, w.minNumber().doubleValue(), 1e-12);
        assertEquals(0.2, w.maxNumber().doubleValue(), 1e-12);
        assertEquals(0.5, weights(zero, params.with("bias", "zero")).maxNumber().doubleValue(), 1e-12);
    }

    @Test
    void declaresItsWeightsUnnormalised() {
        assertFalse(mechanism().weightsSumToOne(Params.defaults(mechanism().params())));
    }
}
