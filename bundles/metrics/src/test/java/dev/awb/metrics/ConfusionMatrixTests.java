package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTests {

    @Test
    void countsEveryNonZeroCellInRowOrder() {
        // actual 0 0 0 1 1 2 / predicted 0 0 1 1 2 2: (a,a) 2, (a,b) 1, (b,b) 1, (b,c) 1, (c,c) 1.
        TaskSpec task = new TaskSpec(10, 3, 1, TaskSpec.Target.SEQUENCE, List.of("a", "b", "c"));
        Map<String, Double> v = new ConfusionMatrix().evaluate(
                Evaluation.of(task, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2}), Params.defaults(List.of()));
        assertEquals(Map.of("confusion/a/a", 2.0, "confusion/a/b", 1.0, "confusion/b/b", 1.0, "confusion/b/c", 1.0,
                "confusion/c/c", 1.0), v);
        assertEquals(List.of("confusion/a/a", "confusion/a/b", "confusion/b/b", "confusion/b/c", "confusion/c/c"),
                List.copyOf(v.keySet()));
    }
}
