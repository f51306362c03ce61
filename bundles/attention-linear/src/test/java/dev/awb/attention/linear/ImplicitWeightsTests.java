package dev.awb.attention.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionOutput;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The weights linear attention materialises on request cost nothing unless an output names them: models ask for
 * them in every layer so that the runtime's attention probe gets them, and training must stay O(n).
 */
class ImplicitWeightsTests {
    private static final int BATCH = 2;
    private static final int LENGTH = 6;
    private static final int WIDTH = 8;

    /** Records the outputs of every op SameDiff executes. */
    private static final class Executed extends BaseListener {
        final Set<String> outputs = new HashSet<>();

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                OpContext context, INDArray[] results) {
            outputs.addAll(op.getOutputsOfOp());
        }
    }

    @Test
    void weightsAreComputedOnlyWhenAnOutputNamesThem() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, LENGTH, WIDTH);
        Params params = Params.defaults(new LinearAttention().params()).with("heads", 2);
        AttentionOutput out = new LinearAttention().attend(new GraphContext(sd, DataType.FLOAT, 1),
                AttentionInputs.self("attn", x, null, false, LENGTH, WIDTH).withWeights(), params);
        SDVariable loss = sd.sum("loss", out.values());
        sd.setLossVariables(loss.name());
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(1e-2)).dataSetFeatureMapping("x")
                .markLabelsUnused().build());
        Executed executed = new Executed();
        sd.setListeners(executed);
        INDArray input = Nd4j.rand(DataType.FLOAT, BATCH, LENGTH, WIDTH);

        sd.fit(new MultiDataSet(new INDArray[] {input}, new INDArray[0]));
        sd.output(Map.of("x", input), out.values().name());
        assertTrue(executed.outputs.contains(out.values().name()), "the listener saw the forward pass");
        assertFalse(executed.outputs.contains(out.weights().name()), "a training step or a values-only output "
                + "computed the O(n²) weights");

        INDArray weights = sd.output(Map.of("x", input), out.weights().name()).get(out.weights().name());
        assertTrue(executed.outputs.contains(out.weights().name()));
        assertEquals(List.of((long) BATCH, 2L, (long) LENGTH, (long) LENGTH), List.of(weights.shape()[0],
                weights.shape()[1], weights.shape()[2], weights.shape()[3]));
    }
}
