package org.example.awb.attention.cosine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Cosine attention runs the awb attention contract; its scores are scale-invariant and bounded by the scale. */
class CosineAttentionTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new CosineAttention();
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
    void weightsDoNotChangeWhenTheInputIsScaled() {
        // The projections have no bias at initialisation (filled with 0), so scaling x scales q and k: cosines stay.
        Params params = Params.defaults(mechanism().params()).with("heads", 1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 4, 8).sub(0.5);
        INDArray a = weights(x, params);
        INDArray b = weights(x.mul(100), params);
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 1e-9);
    }

    @Test
    void logitsAreBoundedByTheScale() {
        // With scale s every logit lies in [-s, s], so no weight can exceed e^s / (e^s + (n-1)e^-s).
        double scale = 1.0;
        Params params = Params.defaults(mechanism().params()).with("heads", 1).with("initial_scale", scale);
        INDArray w = weights(Nd4j.rand(DataType.DOUBLE, 1, 4, 8).sub(0.5).mul(1000), params);
        double bound = Math.exp(scale) / (Math.exp(scale) + 3 * Math.exp(-scale));
        assertTrue(w.maxNumber().doubleValue() <= bound + 1e-12, "largest weight " + w.maxNumber() + " > " + bound);
    }
}
