package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Precision, recall and F1 on one hand-counted case. Four classes named a..d, d never occurs:
 * <pre>
 * actual    0 0 0 1 1 2
 * predicted 0 0 1 1 2 2
 * class a: tp 2, predicted 2, actual 3 -> P 1,   R 2/3, F1 2*(2/3)/(5/3) = 0.8
 * class b: tp 1, predicted 2, actual 2 -> P 1/2, R 1/2, F1 1/2
 * class c: tp 1, predicted 2, actual 1 -> P 1/2, R 1,   F1 2*(1/2)/(3/2) = 2/3
 * macro P = (1 + 1/2 + 1/2)/3 = 2/3;  macro R = (2/3 + 1/2 + 1)/3 = 13/18;  macro F1 = (0.8 + 0.5 + 2/3)/3 = 59/90
 * micro P = micro R = micro F1 = 4 correct / 6 = 2/3 (single-label: accuracy)
 * </pre>
 */
class ClassAveragedMetricTests {
    private static final TaskSpec TASK = new TaskSpec(10, 4, 1, TaskSpec.Target.SEQUENCE, List.of("a", "b", "c", "d"));
    private static final Evaluation CASE =
            Evaluation.of(TASK, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2});

    private static Map<String, Double> run(Metric metric, boolean perClass) {
        return metric.evaluate(CASE, Params.defaults(metric.params()).with("per_class", perClass));
    }

    @Test
    void precisionMatchesTheHandCount() {
        Map<String, Double> v = run(new Precision(), true);
        assertEquals(2 / 3.0, v.get("precision_macro"), 1e-12);
        assertEquals(2 / 3.0, v.get("precision_micro"), 1e-12);
        assertEquals(1.0, v.get("precision/a"), 1e-12);
        assertEquals(0.5, v.get("precision/b"), 1e-12);
        assertEquals(0.5, v.get("precision/c"), 1e-12);
    }

    @Test
    void recallMatchesTheHandCount() {
        Map<String, Double> v = run(new Recall(), true);
        assertEquals(13 / 18.0, v.get("recall_macro"), 1e-12);
        assertEquals(2 / 3.0, v.get("recall_micro"), 1e-12);
        assertEquals(2 / 3.0, v.get("recall/a"), 1e-12);
        assertEquals(1.0, v.get("recall/c"), 1e-12);
    }

    @Test
    void f1MatchesTheHandCount() {
        Map<String, Double> v = run(new F1(), true);
        assertEquals(59 / 90.0, v.get("f1_macro"), 1e-12);
        assertEquals(2 / 3.0, v.get("f1_micro"), 1e-12);
        assertEquals(0.8, v.get("f1/a"), 1e-12);
        assertEquals(0.5, v.get("f1/b"), 1e-12);
        assertEquals(2 / 3.0, v.get("f1/c"), 1e-12);
    }

    @Test
    void leavesAbsentClassesOutOfAveragesAndRows() {
        assertFalse(run(new F1(), true).containsKey("f1/d"));
        assertEquals(List.of("f1_macro", "f1_micro"), List.copyOf(run(new F1(), false).keySet()));
    }

    @Test
    void namesClassesByIndexWithoutClassNames() {
        TaskSpec unnamed = new TaskSpec(10, 2, 1, TaskSpec.Target.SEQUENCE);
        Map<String, Double> v = new F1().evaluate(Evaluation.of(unnamed, new int[] {1, 1}, new int[] {0, 1}),
                Params.defaults(new F1().params()));
        // class 0: P 0 (never predicted), R 0 -> F1 0; class 1: P 1/2, R 1 -> F1 2/3.
        assertEquals(0.0, v.get("f1/0"), 1e-12);
        assertEquals(2 / 3.0, v.get("f1/1"), 1e-12);
    }

    @Test
    void isNaNWithoutScoredPositions() {
        assertTrue(new Recall().evaluate(Evaluation.of(TASK, new int[0], new int[0]),
                Params.defaults(new Recall().params())).get("recall_macro").isNaN());
    }
}
