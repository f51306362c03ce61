package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.optimizer.OptimizerSetup;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.regularization.L2Regularization;

class AdamTests {
    private final Adam adam = new Adam();
    private final TrainingBudget budget = new TrainingBudget(1, 200);

    @Test
    void mapsEveryParameterOntoTheNd4jUpdater() {
        Params params = Params.defaults(adam.params()).with("lr", 0.02).with("beta1", 0.8).with("beta2", 0.95)
                .with("epsilon", 1e-6);
        var updater = (org.nd4j.linalg.learning.config.Adam) adam.configure(params, budget).updater();
        assertEquals(0.02, updater.getLearningRate(0, 0), 0.0);
        assertEquals(0.8, updater.getBeta1(), 0.0);
        assertEquals(0.95, updater.getBeta2(), 0.0);
        assertEquals(1e-6, updater.getEpsilon(), 0.0);
    }

    @Test
    void defaultsAreTheOnesOfTheAdamPaperWithoutDecayOrClipping() {
        OptimizerSetup setup = adam.configure(Params.defaults(adam.params()), budget);
        var updater = (org.nd4j.linalg.learning.config.Adam) setup.updater();
        assertEquals(1e-3, updater.getLearningRate(0, 0), 0.0);
        assertEquals(0.9, updater.getBeta1(), 0.0);
        assertEquals(0.999, updater.getBeta2(), 0.0);
        assertEquals(1e-8, updater.getEpsilon(), 0.0);
        assertTrue(setup.regularization().isEmpty());
        assertEquals(0, setup.clipNorm());
    }

    @Test
    void lossDecreasesOnLeastSquaresUnderWarmupAndCosine() {
        Params params = Params.defaults(adam.params()).with("lr", 0.05).with("schedule", "cosine")
                .with("warmup_steps", 10);
        Fit fit = Fit.leastSquares(adam.configure(params, budget));
        double before = fit.loss();
        double after = fit.steps(200).loss();
        assertTrue(after < 0.01 * before, "loss " + before + " -> " + after);
    }

    @Test
    void weightDecayIsCoupledL2() {
        assertInstanceOf(L2Regularization.class, adam.configure(Params.defaults(adam.params())
                .with("weight_decay", 0.1), budget).regularization().get(0));
    }
}
