package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.optimizer.TrainingBudget;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Known learning rates at given steps, read back from the updater ND4J consults at each step
 * ({@link IUpdater#getLearningRate}). Formulas from {@link LearningRateSchedule}'s javadoc; t counts from 0.
 */
class LearningRateScheduleTests {
    /** 10 steps per epoch, 2 epochs: T = 20 steps. */
    private static final TrainingBudget BUDGET = new TrainingBudget(10, 2);

    private static IUpdater updater(Params params) {
        return new Sgd().configure(params, BUDGET).updater();
    }

    private static Params sgd() {
        return Params.defaults(new Sgd().params()).with("lr", 0.1);
    }

    @Test
    void constantKeepsTheLearningRate() {
        IUpdater u = updater(sgd());
        assertEquals(0.1, u.getLearningRate(0, 0), 0);
        assertEquals(0.1, u.getLearningRate(19, 0), 0);
    }

    @Test
    void warmupRisesLinearlyToThePeakThenHandsOver() {
        // W = 4: t = 0 -> 0.1 * 1/4 = 0.025; t = 1 -> 0.05; t = 3 -> 0.1 * 4/4 = 0.1; t = 4 -> constant 0.1.
        IUpdater u = updater(sgd().with("warmup_steps", 4));
        assertEquals(0.025, u.getLearningRate(0, 0), 1e-15);
        assertEquals(0.05, u.getLearningRate(1, 0), 1e-15);
        assertEquals(0.1, u.getLearningRate(3, 0), 1e-15);
        assertEquals(0.1, u.getLearningRate(4, 0), 1e-15);
    }

    @Test
    void stepDecaysEveryStepEpochsCountedAfterWarmup() {
        // step_epochs = 1 -> every 10 steps, factor 0.5, no warmup: t = 9 -> 0.1; t = 10 -> 0.05; t = 19 -> 0.05.
        IUpdater u = updater(sgd().with("schedule", "step").with("step_factor", 0.5));
        assertEquals(0.1, u.getLearningRate(9, 0), 1e-15);
        assertEquals(0.05, u.getLearningRate(10, 0), 1e-15);
        assertEquals(0.05, u.getLearningRate(19, 0), 1e-15);
        assertEquals(0.025, u.getLearningRate(20, 0), 1e-15);
        // W = 2: s = t - 2, so t = 11 -> s = 9 -> 0.1 and t = 12 -> s = 10 -> 0.05.
        IUpdater warm = updater(sgd().with("schedule", "step").with("step_factor", 0.5).with("warmup_steps", 2));
        assertEquals(0.1, warm.getLearningRate(11, 0), 1e-15);
        assertEquals(0.05, warm.getLearningRate(12, 0), 1e-15);
    }

    @Test
    void cosineFallsFromThePeakToMinLrOverTheRestOfTheRun() {
        // W = 4, S = 20 - 4 = 16, min_lr = 0.01, lr = 0.1:
        // t = 4  -> s = 0:  0.01 + 0.09 * 0.5 * (1 + cos 0)      = 0.1
        // t = 12 -> s = 8:  0.01 + 0.09 * 0.5 * (1 + cos(pi/2))  = 0.055
        // t = 16 -> s = 12: 0.01 + 0.09 * 0.5 * (1 + cos(3pi/4)) = 0.01 + 0.045 * (1 - 0.70710678) = 0.0231802...
        // t = 20 -> s = 16: 0.01 + 0.09 * 0.5 * (1 + cos pi)     = 0.01
        IUpdater u = updater(sgd().with("schedule", "cosine").with("warmup_steps", 4).with("min_lr", 0.01));
        assertEquals(0.025, u.getLearningRate(0, 0), 1e-15);
        assertEquals(0.1, u.getLearningRate(4, 0), 1e-15);
        assertEquals(0.055, u.getLearningRate(12, 0), 1e-15);
        assertEquals(0.01 + 0.045 * (1 - Math.sqrt(0.5)), u.getLearningRate(16, 0), 1e-15);
        assertEquals(0.01, u.getLearningRate(20, 0), 1e-15);
        assertEquals(0.01, u.getLearningRate(500, 0), 1e-15);
    }

    @Test
    void linearFallsFromThePeakToMinLrOverTheRestOfTheRun() {
        // W = 4, S = 16: t = 8 -> s = 4: 0.1 - 0.09 * 4/16 = 0.0775; t = 20 -> 0.01. Without warmup, S = 20 and
        // min_lr = 0: t = 5 -> 0.1 * (1 - 5/20) = 0.075.
        IUpdater u = updater(sgd().with("schedule", "linear").with("warmup_steps", 4).with("min_lr", 0.01));
        assertEquals(0.0775, u.getLearningRate(8, 0), 1e-15);
        assertEquals(0.01, u.getLearningRate(20, 0), 1e-15);
        assertEquals(0.075, updater(sgd().with("schedule", "linear")).getLearningRate(5, 0), 1e-15);
    }

    @Test
    void sameDiffAppliesTheScheduledRateAtEachStep() {
        // Plain SGD on loss = w . c moves w by -lr_t * c at step t. Warmup W = 4 with lr 0.1: steps 0, 1, 2 use
        // 0.025, 0.05, 0.075, so after three steps w = -(0.15) * c = (-0.15, -0.3).
        Fit fit = Fit.linear(new Sgd().configure(sgd().with("warmup_steps", 4), BUDGET), new double[] {0, 0},
                new double[] {1, 2}).steps(3);
        assertEquals(-0.15, fit.weights()[0], 1e-12);
        assertEquals(-0.30, fit.weights()[1], 1e-12);
    }

    @Test
    void rejectsAWarmupThatOutlastsTheRun() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> updater(sgd().with("warmup_steps", 20)));
        assertEquals("warmup_steps", e.parameter());
        assertTrue(e.getMessage().contains("20 steps = 2 epochs x 10 steps"), e.getMessage());
    }

    @Test
    void rejectsSchedulesWhoseParametersContradictEachOtherOrTheRun() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> updater(sgd().with("schedule", "constant").with("min_lr", 0.01)));
        assertEquals("min_lr", e.parameter());
        assertEquals("min_lr applies only to schedule cosine or linear, found min_lr 0.01 with schedule constant; "
                + "remove min_lr or pick a decaying schedule", e.getMessage());
        // 2 epochs x 10 steps: step_epochs 2 would first decay at step 20, after the last step (19).
        e = assertThrows(PluginConfigurationException.class, () -> updater(sgd().with("schedule", "step")
                .with("step_epochs", 2)));
        assertEquals("step_epochs", e.parameter());
        assertEquals("schedule step never decays: step_epochs 2 x 10 steps per epoch = 20 steps, but the run has 20 "
                + "steps after warmup (2 epochs); lower step_epochs or use schedule constant", e.getMessage());
        assertEquals("step_epochs", assertThrows(PluginConfigurationException.class, () -> updater(sgd()
                .with("schedule", "step").with("warmup_steps", 10))).parameter(), "the warmup eats the only decay");
    }

    @Test
    void rejectsAMinimumAboveThePeak() {
        assertEquals("min_lr", assertThrows(PluginConfigurationException.class,
                () -> updater(sgd().with("schedule", "cosine").with("min_lr", 0.5))).parameter());
    }
}
