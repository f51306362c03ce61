package dev.awb.model.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.Part;
import dev.awb.api.pooling.Pooling;
import dev.awb.pooling.attention.AttentionPooling;
import dev.awb.pooling.mean.MeanPooling;
import dev.awb.positional.sinusoidal.SinusoidalEncoding;
import java.util.List;
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
        return logits(task, params, batch, Part.withDefaults(new MeanPooling()));
    }

    private INDArray logits(TaskSpec task, Params params, int batch, Part<Pooling> pooling) {
        SameDiff sd = SameDiff.create();
        SDVariable tokens = sd.placeHolder("tokens", DataType.INT32, -1, task.length());
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, task.length());
        ModelOutput output = encoder.build(new GraphContext(sd, DataType.FLOAT, 1),
                new ModelInputs(task, tokens, mask, null, new Part<>(soft, Params.defaults(soft.params()).with("heads", 2)),
                        List.of(), Part.withDefaults(new SinusoidalEncoding()), pooling), params);
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
    void poolsWithTheGivenPoolingPart() {
        TaskSpec task = new TaskSpec(10, 3, 5, TaskSpec.Target.SEQUENCE);
        Params params = Params.defaults(encoder.params()).with("d_model", 8).with("layers", 1);
        INDArray logits = logits(task, params, 2, Part.withDefaults(new AttentionPooling()));
        assertArrayEquals(new long[] {2, 3}, logits.shape());
    }
}
