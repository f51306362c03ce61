package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;

class RmsPropTests {
    private final RmsProp rmsprop = new RmsProp();
    private final TrainingBudget budget = new TrainingBudget(1, 300);

    @Test
    void lossDecreasesOnLeastSquaresUnderStepDecay() {
        Params params = Params.defaults(rmsprop.params()).with("lr", 0.02).with("schedule", "step")
                .with("step_epochs", 100).with("step_factor", 0.5);
        Fit fit = Fit.leastSquares(rmsprop.configure(params, budget));
        double before = fit.loss();
        double after = fit.steps(300).loss();
        assertTrue(after < 0.01 * before, "loss " + before + " -> " + after);
    }

    @Test
    void mapsEveryParameterOntoTheNd4jUpdater() {
        Params params = Params.defaults(rmsprop.params()).with("lr", 0.05).with("rms_decay", 0.8).with("epsilon", 1e-4);
        var updater = (org.nd4j.linalg.learning.config.RmsProp) rmsprop.configure(params, budget).updater();
        assertEquals(0.05, updater.getLearningRate(0, 0), 0);
        assertEquals(0.8, updater.getRmsDecay(), 0);
        assertEquals(1e-4, updater.getEpsilon(), 0);
    }
}
