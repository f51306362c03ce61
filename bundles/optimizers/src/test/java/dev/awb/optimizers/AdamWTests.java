package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;

class AdamWTests {
    private final AdamW adamw = new AdamW();
    private final TrainingBudget budget = new TrainingBudget(1, 200);

    @Test
    void lossDecreasesOnLeastSquaresUnderWarmupAndCosine() {
        Params params = Params.defaults(adamw.params()).with("lr", 0.05).with("schedule", "cosine")
                .with("warmup_steps", 10);
        Fit fit = Fit.leastSquares(adamw.configure(params, budget));
        double before = fit.loss();
        double after = fit.steps(200).loss();
        assertTrue(after < 0.01 * before, "loss " + before + " -> " + after);
    }

    @Test
    void decaysWeightsOutsideTheMomentsByLearningRateTimesLambda() {
        // Zero gradient: Adam's moments stay 0, so its update is 0 / (0 + eps) = 0 and only the decoupled decay acts:
        // w <- w - lr * lambda * w = 1 - 0.1 * 0.5 * 1 = 0.95 after one step, 0.95^2 = 0.9025 after two.
        Params params = Params.defaults(adamw.params()).with("lr", 0.1).with("weight_decay", 0.5);
        Fit fit = Fit.linear(adamw.configure(params, budget), new double[] {1.0, -2.0}, new double[] {0, 0}).steps(2);
        assertEquals(0.9025, fit.weights()[0], 1e-12);
        assertEquals(-1.805, fit.weights()[1], 1e-12);
    }

    @Test
    void coupledDecayOfAdamDiffersFromDecoupledDecay() {
        // Adam with L2: the gradient becomes lambda * w = 0.5, and Adam's first step is lr * m^/(sqrt(v^) + eps)
        // = 0.1 * 0.5 / (0.5 + 1e-8), about 0.1: w = 1 - 0.1 = 0.9, not AdamW's 0.95.
        Adam adam = new Adam();
        Params params = Params.defaults(adam.params()).with("lr", 0.1).with("weight_decay", 0.5);
        Fit fit = Fit.linear(adam.configure(params, budget), new double[] {1.0}, new double[] {0}).steps(1);
        assertEquals(0.9, fit.weights()[0], 1e-6);
    }

    @Test
    void defaultDecayIsTheCommonHundredth() {
        assertEquals(1, adamw.configure(Params.defaults(adamw.params()), budget).regularization().size());
        assertEquals(0.01, Params.defaults(adamw.params()).getDouble("weight_decay"), 0);
    }
}
