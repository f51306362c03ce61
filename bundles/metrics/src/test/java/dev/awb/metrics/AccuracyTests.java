package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTests {
    static final TaskSpec FOUR = new TaskSpec(10, 4, 1, TaskSpec.Target.SEQUENCE);
    private final Accuracy accuracy = new Accuracy();

    @Test
    void countsCorrectPredictions() {
        // 3 of 5 positions (0, 1, 3) are right: 0.6.
        Evaluation evaluation = Evaluation.of(FOUR, new int[] {1, 2, 3, 0, 1}, new int[] {1, 2, 0, 0, 2});
        assertEquals(0.6, accuracy.evaluate(evaluation, Params.defaults(List.of())).get("accuracy"), 1e-12);
    }

    @Test
    void isNaNWithoutScoredPositions() {
        assertTrue(accuracy.evaluate(Evaluation.of(FOUR, new int[0], new int[0]), Params.defaults(List.of()))
                .get("accuracy").isNaN());
    }
}
