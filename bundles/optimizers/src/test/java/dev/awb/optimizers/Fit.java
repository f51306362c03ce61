package dev.awb.optimizers;

import dev.awb.api.optimizer.OptimizerSetup;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small float64 problems trained through SameDiff's own {@code fit} with an {@link OptimizerSetup} installed the
 * way the runtime installs it (clipped updater, regularization).
 */
final class Fit {
    private final SameDiff sd;
    private final MultiDataSet batch;

    private Fit(SameDiff sd, MultiDataSet batch) {
        this.sd = sd;
        this.batch = batch;
    }

    /**
     * Least squares: {@code loss = mean((X·w − y)²)} with X [64, 8] standard normal, {@code y = X·w*} for a standard
     * normal w*, and w starting at 0.
     */
    static Fit leastSquares(OptimizerSetup setup) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 64, 8);
        INDArray y = x.mmul(Nd4j.randn(DataType.DOUBLE, 8, 1));
        SameDiff sd = SameDiff.create();
        SDVariable xs = sd.placeHolder("x", DataType.DOUBLE, -1, 8);
        SDVariable ys = sd.placeHolder("y", DataType.DOUBLE, -1, 1);
        SDVariable w = sd.var("w", Nd4j.zeros(DataType.DOUBLE, 8, 1));
        sd.mean("loss", sd.math.square(xs.mmul(w).sub(ys)));
        return install(sd, setup, new MultiDataSet(new INDArray[] {x, y}, new INDArray[0]), "x", "y");
    }

    /**
     * A linear probe whose gradient is known exactly: {@code loss = Σ w ⊙ c}, so {@code ∂loss/∂w = c}.
     *
     * @param w0 the starting weights
     * @param c the gradient every step sees
     */
    static Fit linear(OptimizerSetup setup, double[] w0, double[] c) {
        SameDiff sd = SameDiff.create();
        SDVariable cs = sd.placeHolder("c", DataType.DOUBLE, c.length);
        SDVariable w = sd.var("w", Nd4j.createFromArray(w0));
        sd.sum("loss", w.mul(cs));
        return install(sd, setup, new MultiDataSet(new INDArray[] {Nd4j.createFromArray(c)}, new INDArray[0]), "c");
    }

    private static Fit install(SameDiff sd, OptimizerSetup setup, MultiDataSet batch, String... features) {
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(setup.clippedUpdater())
                .regularization(setup.regularization()).dataSetFeatureMapping(features).markLabelsUnused().build());
        return new Fit(sd, batch);
    }

    /** Takes {@code steps} optimizer steps on the fixed batch. */
    Fit steps(int steps) {
        for (int i = 0; i < steps; i++) {
            sd.fit(batch);
        }
        return this;
    }

    /** The loss at the current weights. */
    double loss() {
        Map<String, INDArray> feed = new java.util.HashMap<>();
        for (int i = 0; i < batch.numFeatureArrays(); i++) {
            feed.put(sd.getTrainingConfig().getDataSetFeatureMapping().get(i), batch.getFeatures(i));
        }
        return sd.output(feed, "loss").get("loss").getDouble(0);
    }

    /** The current weights, flattened. */
    double[] weights() {
        return sd.getVariable("w").getArr().dup().data().asDouble();
    }

    SameDiff sd() {
        return sd;
    }
}
