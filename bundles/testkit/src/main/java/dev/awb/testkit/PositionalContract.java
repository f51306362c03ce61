package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.positional.PositionalEncoding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every positional-encoding plugin keeps: encodings of shape [1, length, width] for several sizes,
 * finite values, positions told apart (no two positions share one encoding), the same encodings for the same seed,
 * and, for trainable encodings, a float64 finite-difference gradient check.
 *
 * <pre>{@code
 * class SinusoidalEncodingTests implements PositionalContract {
 *     public PositionalEncoding encoding() { return new SinusoidalEncoding(); }
 * }
 * }</pre>
 */
public interface PositionalContract {

    /** The encoding under test. */
    PositionalEncoding encoding();

    /** Parameters of the encoding: its defaults unless overridden. */
    default Params params() {
        return Params.defaults(encoding().params());
    }

    @Test
    default void encodesEveryPositionWithTheModelWidthForSeveralSizes() {
        for (int[] size : new int[][] {{1, 4}, {7, 8}, {33, 16}}) {
            INDArray e = encode(size[0], size[1], 1);
            assertArrayEquals(new long[] {1, size[0], size[1]}, e.shape(), "length " + size[0] + ", width " + size[1]);
            for (long i = 0; i < e.length(); i++) {
                assertTrue(Double.isFinite(e.getDouble(i)), "element " + i + " is " + e.getDouble(i));
            }
        }
    }

    @Test
    default void tellsPositionsApart() {
        INDArray e = encode(16, 8, 2);
        for (int a = 0; a < 16; a++) {
            for (int b = a + 1; b < 16; b++) {
                double distance = e.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(a)).distance2(e.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(b)));
                assertTrue(distance > 1e-9, "positions " + a + " and " + b + " have the same encoding");
            }
        }
    }

    @Test
    default void sameSeedGivesSameEncodings() {
        assertEquals(encode(10, 8, 3), encode(10, 8, 3), "same seed, different encodings");
    }

    @Test
    default void trainableTablesPassAFloat64GradientCheck() {
        SameDiff sd = SameDiff.create();
        SDVariable e = encoding().encode(new GraphContext(sd, DataType.DOUBLE, 4), "pos", 6, 8, params());
        assertNotNull(e, "encode returned null");
        Nd4j.getRandom().setSeed(17);
        sd.sum("loss", e.mul(sd.constant("r", Nd4j.randn(DataType.DOUBLE, 1, 6, 8))));
        sd.setLossVariables("loss");
        List<String> names = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        if (names.isEmpty()) {
            // A fixed encoding (sinusoidal): nothing is trained, so there is no gradient to check; its values are
            // checked by the other tests.
            assertEquals(0, names.size());
            return;
        }
        Map<String, INDArray> analytic = sd.calculateGradients(Map.of(), names);
        double worst = 0;
        double eps = 1e-6;
        for (String name : names) {
            INDArray w = sd.getArrForVarName(name);
            for (long i = 0; i < w.length(); i += 3) {
                double original = w.getDouble(i);
                w.putScalar(i, original + eps);
                double plus = sd.output(Map.of(), "loss").get("loss").getDouble(0);
                w.putScalar(i, original - eps);
                double minus = sd.output(Map.of(), "loss").get("loss").getDouble(0);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double exact = analytic.get(name).getDouble(i);
                if (Math.abs(numeric - exact) > 1e-8) {
                    worst = Math.max(worst, Math.abs(numeric - exact) / (Math.abs(numeric) + Math.abs(exact)));
                }
            }
        }
        assertTrue(worst < 1e-5, "worst relative gradient error " + worst);
    }

    private INDArray encode(int length, int width, long seed) {
        SameDiff sd = SameDiff.create();
        SDVariable e = encoding().encode(new GraphContext(sd, DataType.DOUBLE, seed), "pos", length, width, params());
        return sd.output(Map.of(), e.name()).get(e.name());
    }
}
