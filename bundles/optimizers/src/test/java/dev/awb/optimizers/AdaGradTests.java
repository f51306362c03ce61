package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;

class AdaGradTests {
    private final AdaGrad adagrad = new AdaGrad();
    private final TrainingBudget budget = new TrainingBudget(1, 300);

    @Test
    void lossDecreasesOnLeastSquares() {
        Params params = Params.defaults(adagrad.params()).with("lr", 0.5);
        Fit fit = Fit.leastSquares(adagrad.configure(params, budget));
        double before = fit.loss();
        double after = fit.steps(300).loss();
        assertTrue(after < 0.01 * before, "loss " + before + " -> " + after);
    }

    @Test
    void mapsEveryParameterOntoTheNd4jUpdater() {
        Params params = Params.defaults(adagrad.params()).with("lr", 0.3).with("epsilon", 1e-3);
        var updater = (org.nd4j.linalg.learning.config.AdaGrad) adagrad.configure(params, budget).updater();
        assertEquals(0.3, updater.getLearningRate(0, 0), 0);
        assertEquals(1e-3, updater.getEpsilon(), 0);
    }
}
