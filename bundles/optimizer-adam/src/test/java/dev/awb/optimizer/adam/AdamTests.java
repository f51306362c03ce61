package dev.awb.optimizer.adam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.Params;
import org.junit.jupiter.api.Test;

class AdamTests {
    private final Adam adam = new Adam();

    @Test
    void mapsEveryParameterOntoTheNd4jUpdater() {
        Params params = Params.defaults(adam.params()).with("lr", 0.02).with("beta1", 0.8).with("beta2", 0.95)
                .with("epsilon", 1e-6);
        org.nd4j.linalg.learning.config.Adam updater = (org.nd4j.linalg.learning.config.Adam) adam.updater(params);
        assertEquals(0.02, updater.getLearningRate(), 0.0);
        assertEquals(0.8, updater.getBeta1(), 0.0);
        assertEquals(0.95, updater.getBeta2(), 0.0);
        assertEquals(1e-6, updater.getEpsilon(), 0.0);
    }

    @Test
    void defaultsAreTheOnesOfTheAdamPaper() {
        org.nd4j.linalg.learning.config.Adam updater =
                (org.nd4j.linalg.learning.config.Adam) adam.updater(Params.defaults(adam.params()));
        assertEquals(1e-3, updater.getLearningRate(), 0.0);
        assertEquals(0.9, updater.getBeta1(), 0.0);
        assertEquals(0.999, updater.getBeta2(), 0.0);
        assertEquals(1e-8, updater.getEpsilon(), 0.0);
    }
}
