package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attention contract for mechanisms whose forward pass is piecewise constant in their weights, such as hard
 * (argmax, one-hot) attention: everything {@link AttentionContract} checks, with the gradient check moved to the
 * mechanism's differentiable relaxation, plus a check of the gradient estimator itself.
 *
 * <p>Central differences of a piecewise-constant forward are 0 almost everywhere and undefined at ties, while the
 * mechanism's gradient is, by design, that of a surrogate. So the float64 finite-difference check runs under
 * {@link #gradientCheckParams(int)}, which such a test class must name (for hard attention: the Gumbel-softmax
 * relaxation softmax((scores + g)/τ) with its noise, the code whose gradient the estimators use), and
 * {@link #piecewiseConstantForwardStillGivesItsWeightsGradients()} checks the estimator under the mechanism's own
 * parameters: every gradient is finite, and weights in which the forward is flat (finite differences exactly 0)
 * still receive a gradient.
 */
public interface PiecewiseConstantAttentionContract extends AttentionContract {

    /** The parameters of the mechanism's differentiable relaxation (the surrogate its estimator differentiates). */
    @Override
    Params gradientCheckParams(int heads);

    @Test
    default void piecewiseConstantForwardStillGivesItsWeightsGradients() {
        AttentionFixture.Shape shape = new AttentionFixture.Shape(2, 2, 5, 8);
        AttentionFixture f = new AttentionFixture(mechanism(), params(shape.heads()), shape, DataType.DOUBLE, true,
                false, 5, signalLength());
        Map<String, INDArray> feed = f.feed(f.input(5), f.mask(2));
        Map<String, INDArray> analytic = f.gradients(feed, f.trainable());
        Map<String, double[]> numeric = f.finiteDifferences(feed);
        List<String> flatButTrained = new ArrayList<>();
        for (String name : f.trainable()) {
            INDArray grad = analytic.get(name);
            assertNotNull(grad, "no gradient for " + name);
            assertTrue(Arrays.stream(grad.dup().data().asDouble()).allMatch(Double::isFinite),
                    "non-finite gradient for " + name);
            boolean flat = Arrays.stream(numeric.get(name)).allMatch(d -> Math.abs(d) < 1e-9);
            if (flat && grad.amaxNumber().doubleValue() > 1e-9) {
                flatButTrained.add(name);
            }
        }
        assertTrue(!flatButTrained.isEmpty(), "no weight in which the forward is flat receives a gradient: "
                + "the estimator passes nothing through the argmax");
    }
}
