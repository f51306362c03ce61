package dev.awb.attention.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Soft attention with weight dropout runs the contract; the dropout acts in training steps only. */
class AttentionDropoutTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new ScaledDotProductAttention();
    }

    @Override
    public Params params(int heads) {
        return AttentionContract.super.params(heads).with("dropout", 0.3);
    }

    @Test
    void dropsAboutTheRateOfWeightsInTrainingAndNoneInInference() {
        SameDiff sd = SameDiff.create();
        GraphContext context = new GraphContext(sd, DataType.DOUBLE, 1);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 20, 8);
        var out = mechanism().attend(context, AttentionInputs.self("a", x, null, false, 20, 8), params(2));
        sd.sum("loss", out.values());
        sd.setLossVariables("loss");
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.DOUBLE, 50, 20, 8));
        INDArray weights = sd.output(feed, "a/weights").get("a/weights");
        assertEquals(weights, sd.output(feed, "a/dropped_weights").get("a/dropped_weights"), "inference drops nothing");
        INDArray dropped = sd.calculateGradientsAndOutputs(feed, List.of("a/dropped_weights"), List.of("a/qkv/W"))
                .getOutputs().get("a/dropped_weights");
        double zeroFraction = dropped.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.3, zeroFraction, 0.01, "fraction dropped in a training-mode run");
        INDArray kept = dropped.div(weights).mul(dropped.neq(0.0).castTo(DataType.DOUBLE));
        assertEquals(1 / 0.7, kept.maxNumber().doubleValue(), 1e-9, "kept weights are scaled by 1/(1 - rate)");
        assertNotEquals(weights, dropped);
    }
}
