package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The contract every attention plugin keeps: output shapes, padding- and causal-mask invariance, a float64
 * finite-difference gradient check, determinism for a fixed seed, a save/load round trip of a model using
 * it, and weight rows that sum to one (or, for a mechanism that declares its weights unnormalised through
 * {@link AttentionMechanism#weightsSumToOne}, weights that are finite and non-negative).
 *
 * <p>Implement {@link #mechanism()} in a test class; override {@link #params(int)} when the plugin's
 * defaults need adjusting. ND4J's global generator is reset to a fixed seed before every run of the fixture, so
 * mechanisms that sample still give repeatable outputs and are checked exactly like deterministic ones.
 *
 * <p><b>Piecewise-constant forwards.</b> A finite-difference check is meaningless for a mechanism whose forward
 * pass is piecewise constant in its weights, such as hard (argmax, one-hot) attention. Such a mechanism's test
 * class implements {@link PiecewiseConstantAttentionContract} instead, which makes it name the parameters of its
 * differentiable relaxation for the gradient check and adds a check of the estimator itself. No contract test is
 * ever skipped: what a test class implements is what runs.
 *
 * <p>Gradient checks run in SameDiff's training regime (its gradient calculation is a training operation, so
 * {@link dev.awb.api.GraphContext#training()} is 1 there): each finite difference evaluates the loss as a training
 * step would, after the same generator reset as the analytic gradient, so noise and samples are the same draw
 * in both.
 */
public interface AttentionContract {

    /** The mechanism under test. */
    AttentionMechanism mechanism();

    /** Parameters for a fixture with {@code heads} heads: the defaults, with {@code heads} set if declared. */
    default Params params(int heads) {
        Params params = Params.defaults(mechanism().params());
        return params.asMap().containsKey("heads") ? params.with("heads", heads) : params;
    }

    /**
     * The length of the interaction signal the fixture wires to the mechanism (one signal, named {@code signal},
     * [batch, length, width], fixed random values); 0, the default, wires none. Mechanisms that refuse to work
     * without a signal (interactive attention) return a positive length.
     */
    default int signalLength() {
        return 0;
    }

    /**
     * The parameters under which the finite-difference gradient check runs: {@link #params(int)} here; the
     * parameters of the mechanism's differentiable relaxation in a {@link PiecewiseConstantAttentionContract}.
     */
    default Params gradientCheckParams(int heads) {
        return params(heads);
    }

    /**
     * True for mechanisms where a query can attend to nothing (all weights 0), such as linear attention with
     * a ReLU feature map when every feature of the query is cut to 0; such rows then sum to 0 instead of 1.
     */
    default boolean allowsEmptyRows() {
        return false;
    }

    /** Largest accepted relative error between analytic and central-difference gradients. */
    default double gradientTolerance() {
        return 1e-5;
    }

    private AttentionFixture fixture(AttentionFixture.Shape shape, DataType type, boolean masked, boolean causal,
            long seed) {
        return new AttentionFixture(mechanism(), params(shape.heads()), shape, type, masked, causal, seed,
                signalLength());
    }

    @Test
    default void producesOutputWithQueryShapeForSeveralSizes() {
        for (AttentionFixture.Shape shape : List.of(new AttentionFixture.Shape(1, 1, 1, 4),
                new AttentionFixture.Shape(2, 2, 5, 8), new AttentionFixture.Shape(3, 4, 7, 16))) {
            AttentionFixture f = fixture(shape, DataType.FLOAT, true, false, 1);
            Map<String, INDArray> feed = f.feed(f.input(1), f.mask(0));
            assertArrayEquals(new long[] {shape.batch(), shape.length(), shape.width()}, f.values(feed).shape(),
                    "values for " + shape);
            assertNotNull(f.output.weights(), "weights were requested");
            assertArrayEquals(new long[] {shape.batch(), shape.heads(), shape.length(), shape.length()},
                    f.weights(feed).shape(), "weights for " + shape);
        }
    }

    @Test
    default void weightRowsSumToOneUnlessDeclaredUnnormalized() {
        AttentionFixture f = fixture(new AttentionFixture.Shape(2, 2, 6, 8), DataType.DOUBLE, true, false, 2);
        INDArray weights = f.weights(f.feed(f.input(2), f.mask(2)));
        if (!mechanism().weightsSumToOne(params(2))) {
            // Unnormalised weights (sigmoid, ReLU attention): each must still be a finite, non-negative amount.
            for (long i = 0; i < weights.length(); i++) {
                double w = weights.getDouble(i);
                assertTrue(Double.isFinite(w) && w >= 0, "weight " + i + " is " + w
                        + ": unnormalised weights must be finite and non-negative");
            }
            return;
        }
        INDArray sums = weights.sum(3);
        for (long i = 0; i < sums.length(); i++) {
            double sum = sums.getDouble(i);
            boolean empty = allowsEmptyRows() && Math.abs(sum) < 1e-12;
            assertTrue(empty || Math.abs(sum - 1.0) < 1e-6, "row " + i + " of the weights sums to " + sum
                    + (Math.abs(sum - 1.0) < 1e-6 ? "" : "; if the mechanism's weights are unnormalised by design, "
                    + "override AttentionMechanism.weightsSumToOne"));
        }
    }

    @Test
    default void paddedPositionsChangeNothing() {
        int padded = 2;
        AttentionFixture f = fixture(new AttentionFixture.Shape(2, 2, 6, 8), DataType.DOUBLE, true, false, 3);
        INDArray x = f.input(3);
        INDArray changed = x.dup();
        changed.get(NDArrayIndex.point(1), NDArrayIndex.interval(6 - padded, 6), NDArrayIndex.all()).assign(5.0);
        INDArray a = f.values(f.feed(x, f.mask(padded)));
        INDArray b = f.values(f.feed(changed, f.mask(padded)));
        INDArray realA = a.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 6 - padded), NDArrayIndex.all());
        INDArray realB = b.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 6 - padded), NDArrayIndex.all());
        assertEquals(0.0, realA.sub(realB).amaxNumber().doubleValue(), 1e-12, "real tokens saw padded ones");
        INDArray weights = f.weights(f.feed(x, f.mask(padded)));
        assertEquals(0.0, weights.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(6 - padded, 6)).amaxNumber().doubleValue(), 1e-12, "weight on padded keys");
    }

    @Test
    default void laterPositionsDoNotReachEarlierOnesUnderTheCausalMask() {
        AttentionFixture f = fixture(new AttentionFixture.Shape(2, 2, 6, 8), DataType.DOUBLE, false, true, 4);
        INDArray x = f.input(4);
        INDArray changed = x.dup();
        changed.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 6), NDArrayIndex.all()).assign(-3.0);
        INDArray a = f.values(f.feed(x, null)).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all());
        INDArray b = f.values(f.feed(changed, null)).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all());
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 1e-12, "positions 0..3 saw positions 4..5");
        INDArray w = f.weights(f.feed(x, null));
        for (int i = 0; i < 6; i++) {
            for (int j = i + 1; j < 6; j++) {
                assertEquals(0.0, w.getDouble(0, 0, i, j), 1e-12, "weight of query " + i + " on later key " + j);
            }
        }
    }

    @Test
    default void gradientsMatchCentralFiniteDifferencesInFloat64() {
        AttentionFixture.Shape shape = new AttentionFixture.Shape(2, 2, 5, 8);
        AttentionFixture f = new AttentionFixture(mechanism(), gradientCheckParams(shape.heads()), shape,
                DataType.DOUBLE, true, false, 5, signalLength());
        Map<String, INDArray> feed = f.feed(f.input(5), f.mask(2));
        List<String> weights = f.trainable();
        assertTrue(!weights.isEmpty(), "the mechanism has no trainable weights to check");
        Map<String, INDArray> analytic = f.gradients(feed, weights);
        Map<String, double[]> numeric = f.finiteDifferences(feed);
        double worst = 0;
        int compared = 0;
        for (String name : weights) {
            INDArray grad = analytic.get(name);
            assertNotNull(grad, "no gradient for " + name);
            double[] differences = numeric.get(name);
            for (int i = 0; i < differences.length; i++) {
                double exact = grad.getDouble(3L * i);
                if (Math.abs(differences[i] - exact) > 1e-8) {
                    worst = Math.max(worst, Math.abs(differences[i] - exact) / (Math.abs(differences[i]) + Math.abs(exact)));
                }
                compared++;
            }
        }
        assertTrue(compared > 20, "compared only " + compared + " gradient elements");
        assertTrue(worst < gradientTolerance(), "worst relative gradient error " + worst);
    }

    @Test
    default void sameSeedGivesSameOutputs() {
        AttentionFixture.Shape shape = new AttentionFixture.Shape(2, 2, 5, 8);
        AttentionFixture a = fixture(shape, DataType.FLOAT, true, false, 11);
        AttentionFixture b = fixture(shape, DataType.FLOAT, true, false, 11);
        AttentionFixture c = fixture(shape, DataType.FLOAT, true, false, 12);
        INDArray x = a.input(6);
        INDArray mask = a.mask(1);
        assertEquals(a.values(a.feed(x, mask)), b.values(b.feed(x, mask)), "same seed, different outputs");
        if (!c.trainable().isEmpty()) {
            assertTrue(!a.values(a.feed(x, mask)).equals(c.values(c.feed(x, mask))), "the seed does not reach the weights");
        }
    }

    @Test
    default void savedAndLoadedModelComputesTheSameOutputs() throws IOException {
        AttentionFixture f = fixture(new AttentionFixture.Shape(2, 2, 5, 8), DataType.FLOAT, true, false, 7);
        Map<String, INDArray> feed = f.feed(f.input(7), f.mask(1));
        f.sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-2)).dataSetFeatureMapping(f.features())
                .markLabelsUnused().build());
        f.sd.fit(new MultiDataSet(java.util.Arrays.stream(f.features()).map(feed::get).toArray(INDArray[]::new),
                new INDArray[0]));
        File file = Files.createTempFile("attention-contract", ".sd").toFile();
        try {
            f.sd.save(file, true);
            SameDiff loaded = SameDiff.load(file, true);
            String values = f.output.values().name();
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(AttentionFixture.SAMPLING_SEED);
            INDArray before = f.sd.output(feed, values).get(values);
            org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(AttentionFixture.SAMPLING_SEED);
            assertEquals(before, loaded.output(feed, values).get(values));
        } finally {
            file.delete();
        }
    }
}
