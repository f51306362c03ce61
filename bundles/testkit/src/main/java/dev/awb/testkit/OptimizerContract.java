package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.optimizer.OptimizerSetup;
import dev.awb.api.optimizer.TrainingBudget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every optimizer plugin keeps, on a convex float64 least-squares problem trained through SameDiff's own
 * {@code fit} with the setup installed the way the runtime installs it (clipped updater, regularization): the loss
 * goes down and keeps going down, training saved (with the updater's state) and loaded continues exactly as training
 * that never stopped, {@code configure} returns new objects on every call, and contradictory parameters are refused
 * with a parameter named.
 *
 * <pre>{@code
 * class AdamTests implements OptimizerContract {
 *     public Optimizer optimizer() { return new Adam(); }
 *     public List<Map<String, Object>> contradictoryParams() { return List.of(Map.of("warmup_steps", 10_000)); }
 * }
 * }</pre>
 */
public interface OptimizerContract {

    /** The optimizer under test. */
    Optimizer optimizer();

    /** Parameters for the checks: the plugin's defaults unless overridden. */
    default Params params() {
        return Params.defaults(optimizer().params());
    }

    /** The run the checks configure for: 200 steps (20 per epoch, 10 epochs) unless overridden. */
    default TrainingBudget budget() {
        return new TrainingBudget(20, 10);
    }

    /**
     * Parameter changes, each applied to {@link #params()}, that {@code configure} must refuse for {@link #budget()}
     * with a {@link PluginConfigurationException} naming one of the changed parameters (e.g. a warmup longer than the
     * run); {@code null} only in {@code awb plugin check}, which cannot know them (that check is then not run).
     */
    List<Map<String, Object>> contradictoryParams();

    @Test
    default void lossDecreasesOnAConvexProblemAndKeepsDecreasing() {
        LeastSquares problem = new LeastSquares(optimizer().configure(params(), budget()));
        double start = problem.loss();
        double half = problem.steps(50).loss();
        double end = problem.steps(50).loss();
        assertTrue(Double.isFinite(end), "loss after 100 steps is " + end);
        assertTrue(half < start, "loss after 50 steps " + half + " is not below the starting loss " + start);
        assertTrue(end < half, "loss after 100 steps " + end + " is not below the loss after 50 steps " + half);
    }

    @Test
    default void savedAndLoadedTrainingContinuesExactlyAsUnbrokenTraining() throws IOException {
        LeastSquares unbroken = new LeastSquares(optimizer().configure(params(), budget())).steps(10);
        LeastSquares first = new LeastSquares(optimizer().configure(params(), budget())).steps(5);
        File file = Files.createTempFile("optimizer-contract", ".sd").toFile();
        try {
            first.sd.save(file, true);
            LeastSquares loaded = new LeastSquares(SameDiff.load(file, true)).steps(5);
            assertArrayEquals(unbroken.weights(), loaded.weights(), 1e-12,
                    "the updater's state (moments, step count, schedule) did not survive save and load");
        } finally {
            file.delete();
        }
    }

    @Test
    default void configureReturnsNewObjectsOnEveryCall() {
        OptimizerSetup a = optimizer().configure(params(), budget());
        OptimizerSetup b = optimizer().configure(params(), budget());
        assertNotNull(a, "configure returned null");
        assertNotSame(a.updater(), b.updater(), "configure returned the same updater twice: trials would share state");
    }

    @Test
    default void refusesContradictoryParametersNamingOne() {
        List<Map<String, Object>> cases = contradictoryParams();
        Assumptions.assumeTrue(cases != null, "no contradictory parameters known for this plugin");
        assertFalse(cases.isEmpty(), "contradictoryParams() lists no case: return at least one parameter change that "
                + "configure() must refuse");
        for (Map<String, Object> change : cases) {
            Params bad = params();
            for (Map.Entry<String, Object> entry : change.entrySet()) {
                bad = bad.with(entry.getKey(), entry.getValue());
            }
            try {
                optimizer().configure(bad, budget());
                fail("accepted " + change + ": configure() must throw PluginConfigurationException");
            } catch (PluginConfigurationException e) {
                String message = String.valueOf(e.getMessage());
                assertTrue(change.keySet().stream().anyMatch(message::contains), "refused " + change + " without naming "
                        + change.keySet().stream().collect(Collectors.joining(" or ")) + ": " + message);
            }
        }
    }

    /**
     * Least squares in float64: {@code loss = mean((X·w − y)²)} with X [64, 8] standard normal (seed 7),
     * {@code y = X·w*} for a standard normal w*, w starting at 0.
     */
    final class LeastSquares {
        private final SameDiff sd;
        private final MultiDataSet batch;

        LeastSquares(OptimizerSetup setup) {
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 64, 8);
            INDArray y = x.mmul(Nd4j.randn(DataType.DOUBLE, 8, 1));
            sd = SameDiff.create();
            SDVariable xs = sd.placeHolder("x", DataType.DOUBLE, -1, 8);
            SDVariable ys = sd.placeHolder("y", DataType.DOUBLE, -1, 1);
            SDVariable w = sd.var("w", Nd4j.zeros(DataType.DOUBLE, 8, 1));
            sd.mean("loss", sd.math.square(xs.mmul(w).sub(ys)));
            sd.setLossVariables("loss");
            sd.setTrainingConfig(TrainingConfig.builder().updater(setup.clippedUpdater())
                    .regularization(setup.regularization()).dataSetFeatureMapping("x", "y").markLabelsUnused().build());
            batch = new MultiDataSet(new INDArray[] {x, y}, new INDArray[0]);
        }

        LeastSquares(SameDiff loaded) {
            sd = loaded;
            Nd4j.getRandom().setSeed(7);
            INDArray x = Nd4j.randn(DataType.DOUBLE, 64, 8);
            INDArray y = x.mmul(Nd4j.randn(DataType.DOUBLE, 8, 1));
            batch = new MultiDataSet(new INDArray[] {x, y}, new INDArray[0]);
        }

        LeastSquares steps(int steps) {
            for (int i = 0; i < steps; i++) {
                sd.fit(batch);
            }
            return this;
        }

        double loss() {
            return sd.output(Map.of("x", batch.getFeatures(0), "y", batch.getFeatures(1)), "loss").get("loss").getDouble(0);
        }

        double[] weights() {
            return sd.getVariable("w").getArr().dup().data().asDouble();
        }
    }
}
