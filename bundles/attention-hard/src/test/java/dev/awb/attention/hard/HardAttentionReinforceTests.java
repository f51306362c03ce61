package dev.awb.attention.hard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.PiecewiseConstantAttentionContract;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** REINFORCE hard attention runs the contract; its moving-average baseline follows the loss. */
class HardAttentionReinforceTests implements PiecewiseConstantAttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new HardAttention();
    }

    @Override
    public Params params(int heads) {
        return PiecewiseConstantAttentionContract.super.params(heads).with("estimator", HardAttention.REINFORCE);
    }

    @Override
    public Params gradientCheckParams(int heads) {
        return params(heads).with("estimator", HardAttention.GUMBEL).with("sample", "soft");
    }

    @Test
    void registersOneLossTermAndItsBaselineTracksTheLoss() {
        SameDiff sd = SameDiff.create();
        GraphContext context = new GraphContext(sd, DataType.DOUBLE, 1);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 4, 8);
        SDVariable values = mechanism().attend(context, AttentionInputs.self("a", x, null, false, 4, 8), params(2)).values();
        assertEquals(1, context.lossTerms().size());
        SDVariable perExample = sd.sum(values, 1, 2).add(10.0);
        SDVariable loss = sd.mean("loss", perExample);
        sd.setLossVariables(loss.name(), context.lossTerms().get(0).term(perExample).name());
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.0)).dataSetFeatureMapping("x")
                .markLabelsUnused().build());
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 4, 8);
        sd.fit(new MultiDataSet(new INDArray[] {input}, new INDArray[0]));
        double baseline = sd.getArrForVarName("a/baseline").getDouble(0);
        // With a zero learning rate the weights stay put; the first bias-corrected average is the step's mean
        // loss, which sampling only perturbs around the greedy loss.
        double greedy = sd.output(java.util.Map.of("x", input), "loss").get("loss").getDouble(0);
        assertTrue(Math.abs(baseline - greedy) < 5, "baseline " + baseline + " far from the loss " + greedy);
        assertTrue(baseline > 5, "baseline " + baseline + " did not move from 0 towards the loss near 10");
    }
}
