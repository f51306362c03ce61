package dev.awb.model.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.model.ModelInputs;
import dev.awb.api.model.ModelOutput;
import dev.awb.attention.soft.ScaledDotProductAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TransformerEncoderTests {
    private final TransformerEncoder encoder = new TransformerEncoder();
    private final ScaledDotProductAttention soft = new ScaledDotProductAttention();

    private INDArray logits(TaskSpec task, Params params, int batch) {
        SameDiff sd = SameDiff.create();
        SDVariable tokens = sd.placeHolder("tokens", DataType.INT32, -1, task.length());
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, task.length());
        ModelOutput output = encoder.build(new GraphContext(sd, DataType.FLOAT, 1),
                new ModelInputs(task, tokens, mask, soft, Params.defaults(soft.params()).with("heads", 2)), params);
        assertEquals(params.getInt("layers"), output.attentionWeights().size(), "one attention map per layer");
        INDArray ids = Nd4j.createFromArray(new int[batch][task.length()]);
        INDArray ones = Nd4j.ones(DataType.FLOAT, batch, task.length());
        return sd.output(Map.of("tokens", ids, "mask", ones), output.logits().name()).get(output.logits().name());
    }

    @Test
    void producesLogitsPerPositionForTokenTasks() {
        TaskSpec task = new TaskSpec(10, 7, 6, TaskSpec.Target.TOKEN);
        INDArray logits = logits(task, Params.defaults(encoder.params()).with("d_model", 16).with("layers", 3), 4);
        assertArrayEquals(new long[] {4, 6, 7}, logits.shape());
    }

    @Test
    void poolsToOneRowOfLogitsForSequenceTasks() {
        TaskSpec task = new TaskSpec(10, 3, 5, TaskSpec.Target.SEQUENCE);
        INDArray logits = logits(task, Params.defaults(encoder.params()).with("d_model", 8).with("layers", 1), 2);
        assertArrayEquals(new long[] {2, 3}, logits.shape());
    }

    @Test
    void sinusoidalTableFollowsTheFormula() {
        double[] table = SinusoidalPositions.table(3, 4);
        assertEquals(0.0, table[0], 0.0);
        assertEquals(1.0, table[1], 0.0);
        assertEquals(Math.sin(2), table[2 * 4], 1e-15);
        assertEquals(Math.cos(2 / 100.0), table[2 * 4 + 3], 1e-15);
    }
}
