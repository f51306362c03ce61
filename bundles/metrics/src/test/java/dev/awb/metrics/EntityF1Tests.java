package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityF1Tests {
    private static final List<String> TAGS = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
    private static final TaskSpec TASK = new TaskSpec(10, 5, 4, TaskSpec.Target.TOKEN, TAGS);
    private static final int O = 0, BP = 1, IP = 2, BL = 3, IL = 4;

    @Test
    void scoresExactSpansPerSentenceAsConlleval() {
        // Sentence 0 truth B-PER I-PER O B-LOC -> PER[0,1], LOC[3,3]
        //            pred  B-PER O     O B-LOC -> PER[0,0] (boundary wrong), LOC[3,3] (right)
        // Sentence 1 truth B-LOC I-LOC O      -> LOC[0,1]
        //            pred  I-LOC I-LOC B-PER  -> LOC[0,1] (I- after the sentence start opens it: right), PER[2,2]
        // The sentence break keeps sentence 0's final B-LOC and sentence 1's I-LOC apart.
        // Truth 3 spans, predicted 4, correct 2: P = 1/2, R = 2/3, F1 = 2 (1/2)(2/3) / (7/6) = 4/7.
        // PER: truth 1, predicted 2, correct 0 -> F1 0. LOC: truth 2, predicted 2, correct 2 -> F1 1.
        Evaluation evaluation = Evaluation.of(TASK, new int[] {BP, O, O, BL, IL, IL, BP},
                new int[] {BP, IP, O, BL, BL, IL, O}).withSequences(new int[] {0, 0, 0, 0, 1, 1, 1},
                new int[] {0, 1, 2, 3, 0, 1, 2});
        Map<String, Double> v = new EntityF1().evaluate(evaluation, Params.defaults(List.of()));
        assertEquals(0.5, v.get("entity_precision"), 1e-12);
        assertEquals(2 / 3.0, v.get("entity_recall"), 1e-12);
        assertEquals(4 / 7.0, v.get("entity_f1"), 1e-12);
        assertEquals(0.0, v.get("entity_f1/PER"), 1e-12);
        assertEquals(1.0, v.get("entity_f1/LOC"), 1e-12);
    }

    @Test
    void readsChunkBoundariesLikeConlleval() {
        assertEquals(List.of(new BioSpans.Span(0, 0, 0, "PER"), new BioSpans.Span(0, 1, 1, "PER")),
                BioSpans.of(0, List.of("B-PER", "B-PER")));
        assertEquals(List.of(new BioSpans.Span(0, 0, 0, "PER"), new BioSpans.Span(0, 1, 2, "LOC")),
                BioSpans.of(0, List.of("B-PER", "I-LOC", "I-LOC")));
        assertEquals(List.of(new BioSpans.Span(0, 1, 2, "PER")), BioSpans.of(0, List.of("O", "I-PER", "I-PER")));
    }

    @Test
    void rejectsTasksWithoutBioClassNames() {
        TaskSpec unnamed = new TaskSpec(10, 2, 4, TaskSpec.Target.TOKEN);
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class, () -> new EntityF1()
                .evaluate(Evaluation.of(unnamed, new int[] {0}, new int[] {0}), Params.defaults(List.of())));
        assertTrue(e.getMessage().contains("no names"), e.getMessage());
        TaskSpec wrong = new TaskSpec(10, 2, 4, TaskSpec.Target.TOKEN, List.of("O", "PER"));
        assertTrue(assertThrows(PluginConfigurationException.class, () -> new EntityF1()
                .evaluate(Evaluation.of(wrong, new int[] {0}, new int[] {0}), Params.defaults(List.of())))
                .getMessage().contains("[PER]"));
    }
}
