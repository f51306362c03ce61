package dev.awb.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.Params;
import dev.awb.api.support.optimizer.ClippedUpdater;
import dev.awb.api.optimizer.TrainingBudget;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.learning.config.IUpdater;

/** The SPI's ND4J extensions (schedules, clipping, classical momentum) survive SameDiff's save and load. */
class SavedTrainingTests {
    @TempDir
    Path dir;

    @Test
    void savedTrainingResumesWithScheduleClippingAndMomentumState() throws Exception {
        Sgd sgd = new Sgd();
        Params params = Params.defaults(sgd.params()).with("lr", 0.1).with("momentum", 0.9).with("schedule", "cosine")
                .with("warmup_steps", 2).with("clip_norm", 1.0);
        TrainingBudget budget = new TrainingBudget(1, 10);
        Fit straight = Fit.linear(sgd.configure(params, budget), new double[] {0, 0}, new double[] {3, 4}).steps(6);

        Fit first = Fit.linear(sgd.configure(params, budget), new double[] {0, 0}, new double[] {3, 4}).steps(3);
        File file = dir.resolve("graph.sd").toFile();
        first.sd().save(file, true);
        SameDiff loaded = SameDiff.load(file, true);
        IUpdater updater = loaded.getTrainingConfig().getUpdater();
        assertEquals(ClippedUpdater.class, updater.getClass());
        assertEquals(sgd.configure(params, budget).clippedUpdater(), updater);
        for (int i = 0; i < 3; i++) {
            loaded.fit(new org.nd4j.linalg.dataset.MultiDataSet(
                    new org.nd4j.linalg.api.ndarray.INDArray[] {org.nd4j.linalg.factory.Nd4j.createFromArray(3.0, 4.0)},
                    new org.nd4j.linalg.api.ndarray.INDArray[0]));
        }
        assertArrayEquals(straight.weights(), loaded.getVariable("w").getArr().data().asDouble(), 1e-12);
    }
}
