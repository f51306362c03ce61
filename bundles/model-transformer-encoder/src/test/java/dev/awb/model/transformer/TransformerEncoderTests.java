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

    @Test
    void givesEachAttentionLayerThePooledInputOfAPoolingNodeWiredAsSignal() {
        TaskSpec task = new TaskSpec(10, 3, 5, TaskSpec.Target.TOKEN);
        Params params = Params.defaults(encoder.params()).with("d_model", 8).with("layers", 2);
        List<Map<String, SDVariable>> seen = new java.util.ArrayList<>();
        dev.awb.api.attention.AttentionMechanism recording = new dev.awb.api.attention.AttentionMechanism() {
            @Override
            public List<dev.awb.api.ParamSpec> params() {
                return soft.params();
            }

            @Override
            public dev.awb.api.attention.AttentionOutput attend(GraphContext context,
                    dev.awb.api.attention.AttentionInputs inputs, Params p) {
                seen.add(inputs.signals());
                return soft.attend(context, inputs, p);
            }
        };
        SameDiff sd = SameDiff.create();
        SDVariable tokens = sd.placeHolder("tokens", DataType.INT32, -1, task.length());
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, task.length());
        encoder.build(new GraphContext(sd, DataType.FLOAT, 1), new ModelInputs(task, tokens, mask, null,
                new Part<>(recording, Params.defaults(soft.params()).with("heads", 2)), List.of("summary"),
                Part.withDefaults(new SinusoidalEncoding()), Part.withDefaults(new MeanPooling()),
                Map.of("summary", Part.withDefaults(new MeanPooling()))), params);

        assertEquals(2, seen.size());
        assertEquals(List.of("summary"), List.copyOf(seen.get(0).keySet()));
        SDVariable signal = seen.get(0).get("summary");
        assertEquals(signal, seen.get(1).get("summary"), "every layer reads the same pooled input");
        INDArray ones = Nd4j.ones(DataType.FLOAT, 2, task.length());
        INDArray a = sd.output(Map.of("tokens", Nd4j.createFromArray(new int[][] {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}}),
                "mask", ones), signal.name()).get(signal.name());
        INDArray b = sd.output(Map.of("tokens", Nd4j.createFromArray(new int[][] {{1, 2, 3, 4, 5}, {6, 6, 6, 6, 6}}),
                "mask", ones), signal.name()).get(signal.name());
        assertArrayEquals(new long[] {2, 1, 8}, a.shape());
        a = a.reshape(2, 8);
        b = b.reshape(2, 8);
        assertEquals(a.getRow(0), b.getRow(0), "example 0 has the same input in both batches");
        assertEquals(false, a.getRow(1).equals(b.getRow(1)), "the signal is a function of the input");
        // Mean pooling of the embedded input: the mean over positions of token embedding plus position encoding,
        // so swapping two tokens (positions differ) changes it, but the token part alone averages the same.
        INDArray embedding = sd.getVariable("embedding").getArr();
        INDArray expectedTokenMean = embedding.getRow(6).dup();
        INDArray positionalMean = a.getRow(0).sub(embedding.getRows(1, 2, 3, 4, 5).mean(0));
        assertEquals(true, b.getRow(1).equalsWithEps(expectedTokenMean.add(positionalMean), 1e-5),
                "mean pooling of token + position embeddings");
    }
}
