package dev.awb.attention.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScaledDotProductAttentionTests {
    private static final int BATCH = 2;
    private static final int LENGTH = 5;
    private static final int WIDTH = 8;

    private final ScaledDotProductAttention attention = new ScaledDotProductAttention();

    /** A graph: input placeholder x [B,T,D], optional padding mask, attention, loss = sum(out ⊙ R). */
    private static final class Fixture {
        final SameDiff sd = SameDiff.create();
        final SDVariable x;
        final SDVariable mask;
        final AttentionOutput output;
        final SDVariable loss;

        Fixture(ScaledDotProductAttention attention, Params params, DataType type, boolean masked, boolean causal) {
            GraphContext context = new GraphContext(sd, type, 42);
            x = sd.placeHolder("x", type, -1, LENGTH, WIDTH);
            mask = masked ? sd.placeHolder("mask", type, -1, LENGTH) : null;
            output = attention.attend(context, AttentionInputs.self("attn", x, mask, causal, LENGTH, WIDTH), params);
            double[] r = new SplittableRandom(7).doubles(BATCH * LENGTH * WIDTH, -1, 1).toArray();
            SDVariable weights = context.constant("r", r, BATCH, LENGTH, WIDTH);
            loss = sd.sum("loss", output.values().mul(weights));
        }

        double loss(Map<String, INDArray> feed) {
            return sd.output(feed, "loss").get("loss").getDouble(0);
        }
    }

    private static INDArray randomInput(DataType type, long seed) {
        double[] values = new SplittableRandom(seed).doubles(BATCH * LENGTH * WIDTH, -1, 1).toArray();
        return Nd4j.createFromArray(values).castTo(type).reshape(BATCH, LENGTH, WIDTH);
    }

    private static INDArray paddingMask(DataType type) {
        INDArray mask = Nd4j.ones(type, BATCH, LENGTH);
        mask.putScalar(new long[] {1, LENGTH - 1}, 0.0);
        mask.putScalar(new long[] {1, LENGTH - 2}, 0.0);
        return mask;
    }

    @Test
    void producesOutputWithQueryShapeAndWeightsPerHead() {
        Fixture f = new Fixture(attention, Params.defaults(attention.params()).with("heads", 2), DataType.FLOAT,
                false, false);
        Map<String, INDArray> out = f.sd.output(Map.of("x", randomInput(DataType.FLOAT, 1)),
                f.output.values().name(), f.output.weights().name());
        assertArrayEquals(new long[] {BATCH, LENGTH, WIDTH}, out.get(f.output.values().name()).shape());
        assertArrayEquals(new long[] {BATCH, 2, LENGTH, LENGTH}, out.get(f.output.weights().name()).shape());
    }

    @Test
    void weightRowsSumToOne() {
        Fixture f = new Fixture(attention, Params.defaults(attention.params()), DataType.DOUBLE, true, false);
        INDArray weights = f.sd.output(Map.of("x", randomInput(DataType.DOUBLE, 2), "mask", paddingMask(DataType.DOUBLE)),
                f.output.weights().name()).get(f.output.weights().name());
        INDArray sums = weights.sum(3);
        assertTrue(sums.sub(1.0).amaxNumber().doubleValue() < 1e-12, () -> "row sums " + sums);
    }

    @Test
    void paddedKeysGetZeroWeightAndDoNotChangeOutputs() {
        Fixture f = new Fixture(attention, Params.defaults(attention.params()), DataType.DOUBLE, true, false);
        INDArray mask = paddingMask(DataType.DOUBLE);
        INDArray x = randomInput(DataType.DOUBLE, 3);
        INDArray changed = x.dup();
        changed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(LENGTH - 2, LENGTH),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(5.0);
        String values = f.output.values().name();
        String weights = f.output.weights().name();
        Map<String, INDArray> a = f.sd.output(Map.of("x", x, "mask", mask), values, weights);
        Map<String, INDArray> b = f.sd.output(Map.of("x", changed, "mask", mask), values, weights);
        // The real tokens of example 1 (positions 0..2) must not see the padded ones.
        INDArray realA = a.get(values).get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, LENGTH - 2), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray realB = b.get(values).get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, LENGTH - 2), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(0.0, realA.sub(realB).amaxNumber().doubleValue(), 1e-12);
        INDArray paddedWeights = a.get(weights).get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(LENGTH - 2, LENGTH));
        assertEquals(0.0, paddedWeights.amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void causalMaskGivesNoWeightToLaterPositions() {
        Fixture f = new Fixture(attention, Params.defaults(attention.params()), DataType.DOUBLE, false, true);
        INDArray w = f.sd.output(Map.of("x", randomInput(DataType.DOUBLE, 4)), f.output.weights().name())
                .get(f.output.weights().name());
        for (int i = 0; i < LENGTH; i++) {
            for (int j = i + 1; j < LENGTH; j++) {
                assertEquals(0.0, w.getDouble(0, 0, i, j), 0.0, "weight of query " + i + " on key " + j);
            }
        }
    }

    @Test
    void gradientsMatchCentralFiniteDifferencesInFloat64() {
        Fixture f = new Fixture(attention, Params.defaults(attention.params()).with("heads", 2), DataType.DOUBLE,
                true, false);
        Map<String, INDArray> feed = new HashMap<>(Map.of("x", randomInput(DataType.DOUBLE, 5), "mask",
                paddingMask(DataType.DOUBLE)));
        List<String> weights = f.sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        assertEquals(8, weights.size(), "q, k, v, o projections with biases: " + weights);
        Map<String, INDArray> analytic = f.sd.calculateGradients(feed, weights);
        double eps = 1e-6;
        double worst = 0;
        for (String name : weights) {
            INDArray w = f.sd.getArrForVarName(name);
            INDArray grad = analytic.get(name);
            for (long i = 0; i < w.length(); i += 3) {
                double original = w.getDouble(i);
                w.putScalar(i, original + eps);
                double plus = f.loss(feed);
                w.putScalar(i, original - eps);
                double minus = f.loss(feed);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double exact = grad.getDouble(i);
                double error = Math.abs(numeric - exact) / Math.max(1e-8, Math.abs(numeric) + Math.abs(exact));
                if (Math.abs(numeric - exact) > 1e-8) {
                    worst = Math.max(worst, error);
                }
            }
        }
        assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
    }

    @Test
    void rejectsHeadsThatDoNotDivideWidth() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> new Fixture(attention, Params.defaults(attention.params()).with("heads", 3), DataType.FLOAT,
                        false, false));
        assertEquals("heads", e.parameter());
        assertTrue(e.getMessage().contains("(8), found 3"), e.getMessage());
    }
}
