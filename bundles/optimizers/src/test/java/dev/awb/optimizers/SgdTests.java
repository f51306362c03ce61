package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.support.optimizer.ClassicalMomentum;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;

class SgdTests {
    private final Sgd sgd = new Sgd();
    private final TrainingBudget budget = new TrainingBudget(1, 200);

    private Params params() {
        return Params.defaults(sgd.params()).with("lr", 0.1);
    }

    @Test
    void lossDecreasesOnLeastSquaresWithEachKindOfMomentum() {
        for (Params p : new Params[] {params(), params().with("momentum", 0.9),
                params().with("momentum", 0.9).with("nesterov", true)}) {
            Fit fit = Fit.leastSquares(sgd.configure(p.with("lr", 0.02).with("schedule", "linear"), budget));
            double before = fit.loss();
            double after = fit.steps(200).loss();
            assertTrue(after < 0.01 * before, p + ": loss " + before + " -> " + after);
        }
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        // w <- w - lr * c: (1, 1) - 0.1 * (1, 2) = (0.9, 0.8).
        Fit fit = Fit.linear(sgd.configure(params(), budget), new double[] {1, 1}, new double[] {1, 2}).steps(1);
        assertEquals(0.9, fit.weights()[0], 1e-12);
        assertEquals(0.8, fit.weights()[1], 1e-12);
    }

    @Test
    void classicalMomentumAccumulatesVelocity() {
        // v0 = c, w -= 0.1 c; v1 = 0.9 c + c = 1.9 c, w -= 0.19 c: w = -0.29 c = (-0.29, -0.58) after two steps.
        Fit fit = Fit.linear(sgd.configure(params().with("momentum", 0.9), budget), new double[] {0, 0},
                new double[] {1, 2}).steps(2);
        assertEquals(-0.29, fit.weights()[0], 1e-12);
        assertEquals(-0.58, fit.weights()[1], 1e-12);
    }

    @Test
    void nesterovMomentumLooksAhead() {
        // torch.optim.SGD(nesterov=True): b0 = c, step g + 0.9 b0 = 1.9 c; b1 = 1.9 c, step g + 0.9 b1 = 2.71 c.
        // Times lr 0.1: w = -(0.19 + 0.271) c = -0.461 c. ND4J's Nesterovs gives the same at constant lr.
        Fit fit = Fit.linear(sgd.configure(params().with("momentum", 0.9).with("nesterov", true), budget),
                new double[] {0, 0}, new double[] {1, 2}).steps(2);
        assertEquals(-0.461, fit.weights()[0], 1e-12);
        assertEquals(-0.922, fit.weights()[1], 1e-12);
    }

    @Test
    void mapsMomentumOntoTheMatchingUpdater() {
        assertInstanceOf(org.nd4j.linalg.learning.config.Sgd.class, sgd.configure(params(), budget).updater());
        assertInstanceOf(ClassicalMomentum.class, sgd.configure(params().with("momentum", 0.5), budget).updater());
        assertInstanceOf(Nesterovs.class,
                sgd.configure(params().with("momentum", 0.5).with("nesterov", true), budget).updater());
    }

    @Test
    void rejectsNesterovWithoutMomentum() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> sgd.configure(params().with("nesterov", true), budget));
        assertEquals("nesterov", e.parameter());
    }

    @Test
    void clipsEachTensorsGradientToClipNorm() {
        // c = (3, 4) has norm 5; clipped to 1 it is (0.6, 0.8), so lr 1 moves w by exactly that.
        Params p = params().with("lr", 1.0).with("clip_norm", 1.0);
        Fit fit = Fit.linear(sgd.configure(p, budget), new double[] {0, 0}, new double[] {3, 4}).steps(1);
        assertEquals(-0.6, fit.weights()[0], 1e-12);
        assertEquals(-0.8, fit.weights()[1], 1e-12);
        // Below the limit the gradient passes unchanged.
        Fit loose = Fit.linear(sgd.configure(p.with("clip_norm", 10.0), budget), new double[] {0, 0},
                new double[] {3, 4}).steps(1);
        assertEquals(-3, loose.weights()[0], 1e-12);
    }

    @Test
    void l2WeightDecayAddsLambdaTimesWeightToTheGradient() {
        // Gradient 0 + 0.5 * w: w = 2 - 0.1 * 0.5 * 2 = 1.9.
        Fit fit = Fit.linear(sgd.configure(params().with("weight_decay", 0.5), budget), new double[] {2},
                new double[] {0}).steps(1);
        assertEquals(1.9, fit.weights()[0], 1e-12);
    }
}
