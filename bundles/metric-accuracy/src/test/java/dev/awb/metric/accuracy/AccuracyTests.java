package dev.awb.metric.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.metric.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTests {
    private final Accuracy accuracy = new Accuracy();

    @Test
    void countsCorrectPredictions() {
        Predictions predictions = new Predictions(new int[] {1, 2, 3, 0, 1}, new int[] {1, 2, 0, 0, 2}, 4);
        assertEquals(0.6, accuracy.evaluate(predictions, Params.defaults(List.of())).get("accuracy"), 1e-12);
    }

    @Test
    void isNaNWithoutScoredPositions() {
        assertTrue(accuracy.evaluate(new Predictions(new int[0], new int[0], 3), Params.defaults(List.of()))
                .get("accuracy").isNaN());
    }
}
