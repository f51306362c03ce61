package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loss and perplexity: per-position losses ln 2 and ln 4 average 1.5 ln 2; exp(1.5 ln 2) = 2^1.5 = 2.828... */
class LossTests {
    private static final TaskSpec TASK = new TaskSpec(10, 4, 2, TaskSpec.Target.TOKEN);
    private static final Evaluation CASE = Evaluation.of(TASK, new int[] {0, 1}, new int[] {0, 2})
            .withScores(null, new double[] {Math.log(2), Math.log(4)});

    @Test
    void lossIsTheMeanCrossEntropy() {
        assertEquals(1.5 * Math.log(2), new Loss().evaluate(CASE, Params.defaults(List.of())).get("loss"), 1e-12);
    }

    @Test
    void perplexityIsExpOfTheMeanCrossEntropy() {
        assertEquals(Math.pow(2, 1.5), new Perplexity().evaluate(CASE, Params.defaults(List.of())).get("perplexity"),
                1e-12);
    }

    @Test
    void bothAreNaNWithoutPerPositionLosses() {
        Evaluation bare = Evaluation.of(TASK, new int[] {0}, new int[] {0});
        assertTrue(new Loss().evaluate(bare, Params.defaults(List.of())).get("loss").isNaN());
        assertTrue(new Perplexity().evaluate(bare, Params.defaults(List.of())).get("perplexity").isNaN());
    }
}
