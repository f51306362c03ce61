package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.pooling.PoolingInputs;
import dev.awb.api.pooling.PoolingOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The contract every pooling plugin keeps: one vector per example, padded positions changing nothing, position
 * weights (where the pooling returns them) forming an average over the real positions, a float64 finite-difference
 * gradient check with respect to its input and its own weights, and the same output for the same seed.
 *
 * <pre>{@code
 * class MeanPoolingTests implements PoolingContract {
 *     public Pooling pooling() { return new MeanPooling(); }
 * }
 * }</pre>
 */
public interface PoolingContract {

    /** The pooling under test. */
    Pooling pooling();

    /** Parameters of the pooling: its defaults unless overridden. */
    default Params params() {
        return Params.defaults(pooling().params());
    }

    /** Largest accepted relative error between analytic and central-difference gradients. */
    default double gradientTolerance() {
        return 1e-5;
    }

    @Test
    default void producesOneVectorPerExample() {
        Fixture f = new Fixture(this, input(1), 1);
        assertArrayEquals(new long[] {Fixture.BATCH, Fixture.WIDTH}, f.pooled().shape(), "pooled shape");
        if (f.output.weights() != null) {
            assertArrayEquals(new long[] {Fixture.BATCH, Fixture.LENGTH}, f.weights().shape(), "weights shape");
        }
    }

    @Test
    default void paddedPositionsChangeNothing() {
        INDArray x = input(2);
        INDArray changed = x.dup();
        changed.get(NDArrayIndex.point(1), NDArrayIndex.interval(Fixture.LENGTH - Fixture.PADDED, Fixture.LENGTH),
                NDArrayIndex.all()).assign(7.0);
        INDArray a = new Fixture(this, x, 1).pooled();
        INDArray b = new Fixture(this, changed, 1).pooled();
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 1e-12, "the pooled vector saw padded positions");
    }

    @Test
    default void positionWeightsAreAnAverageOverRealPositions() {
        Fixture f = new Fixture(this, input(3), 1);
        if (f.output.weights() == null) {
            // Not an average (e.g. max pooling): the SPI allows null weights; nothing else to hold.
            assertNotNull(f.output.pooled());
            return;
        }
        INDArray w = f.weights();
        for (int e = 0; e < Fixture.BATCH; e++) {
            int real = e == 1 ? Fixture.LENGTH - Fixture.PADDED : Fixture.LENGTH;
            double sum = 0;
            for (int t = 0; t < Fixture.LENGTH; t++) {
                double v = w.getDouble(e, t);
                assertTrue(v >= 0, "weight of example " + e + " position " + t + " is " + v);
                if (t >= real) {
                    assertEquals(0.0, v, 1e-12, "weight on padded position " + t);
                }
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9, "weights of example " + e + " sum to " + sum);
        }
    }

    @Test
    default void gradientsMatchCentralFiniteDifferencesInFloat64() {
        Fixture f = new Fixture(this, input(4), 5);
        List<String> names = f.sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        Map<String, INDArray> analytic = f.sd.calculateGradients(f.feed(), names);
        double worst = 0;
        int compared = 0;
        double eps = 1e-6;
        for (String name : names) {
            INDArray w = f.sd.getArrForVarName(name);
            INDArray grad = analytic.get(name);
            assertNotNull(grad, "no gradient for " + name);
            for (long i = 0; i < w.length(); i += 3) {
                double original = w.getDouble(i);
                w.putScalar(i, original + eps);
                double plus = f.loss();
                w.putScalar(i, original - eps);
                double minus = f.loss();
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double exact = grad.getDouble(i);
                if (Math.abs(numeric - exact) > 1e-8) {
                    worst = Math.max(worst, Math.abs(numeric - exact) / (Math.abs(numeric) + Math.abs(exact)));
                }
                compared++;
            }
        }
        assertTrue(compared > 20, "compared only " + compared + " gradient elements");
        assertTrue(worst < gradientTolerance(), "worst relative gradient error " + worst);
    }

    @Test
    default void sameSeedGivesSameOutput() {
        INDArray x = input(6);
        assertEquals(new Fixture(this, x, 9).pooled(), new Fixture(this, x, 9).pooled(), "same seed, different outputs");
    }

    /** Seeded input [batch, length, width] in float64. */
    private static INDArray input(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, Fixture.BATCH, Fixture.LENGTH, Fixture.WIDTH);
    }

    /**
     * One pooling in a float64 graph: input {@code x} as a variable (so gradients reach it), example 1 padded in its
     * last {@link #PADDED} positions, loss = Σ pooled ⊙ R for a fixed random R.
     */
    final class Fixture {
        static final int BATCH = 2;
        static final int LENGTH = 6;
        static final int WIDTH = 8;
        static final int PADDED = 2;

        final SameDiff sd = SameDiff.create();
        final PoolingOutput output;
        private final INDArray mask;

        Fixture(PoolingContract contract, INDArray x, long seed) {
            SDVariable xs = sd.var("x", x.dup());
            SDVariable masks = sd.placeHolder("mask", DataType.DOUBLE, -1, LENGTH);
            output = contract.pooling().pool(new GraphContext(sd, DataType.DOUBLE, seed),
                    new PoolingInputs("pool", xs, masks, LENGTH, WIDTH), contract.params());
            Nd4j.getRandom().setSeed(13);
            SDVariable r = sd.constant("r", Nd4j.randn(DataType.DOUBLE, BATCH, WIDTH));
            sd.sum("loss", output.pooled().mul(r));
            sd.setLossVariables("loss");
            mask = Nd4j.ones(DataType.DOUBLE, BATCH, LENGTH);
            mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(LENGTH - PADDED, LENGTH)).assign(0);
        }

        Map<String, INDArray> feed() {
            return Map.of("mask", mask);
        }

        INDArray pooled() {
            return sd.output(feed(), output.pooled().name()).get(output.pooled().name());
        }

        INDArray weights() {
            return sd.output(feed(), output.weights().name()).get(output.weights().name());
        }

        double loss() {
            return sd.output(feed(), "loss").get("loss").getDouble(0);
        }
    }
}
