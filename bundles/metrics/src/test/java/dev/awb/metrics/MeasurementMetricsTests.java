package dev.awb.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.metric.Direction;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Measurements;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Throughput, peak memory and parameters report the runtime's measurements under their documented keys. */
class MeasurementMetricsTests {
    private static final Evaluation MEASURED = Evaluation.of(AccuracyTests.FOUR, new int[0], new int[0])
            .withMeasurements(new Measurements(1234.5, 6789.0, 3_000_000_000L, 52_000));
    private static final Evaluation UNMEASURED = Evaluation.of(AccuracyTests.FOUR, new int[0], new int[0]);
    private static final Params NONE = Params.defaults(List.of());

    @Test
    void throughputReportsTrainAndInferenceTokensPerSecond() {
        assertEquals(1234.5, new Throughput().evaluate(MEASURED, NONE).get("train_tokens_per_s"), 0);
        assertEquals(6789.0, new Throughput().evaluate(MEASURED, NONE).get("inference_tokens_per_s"), 0);
        assertTrue(new Throughput().evaluate(UNMEASURED, NONE).get("train_tokens_per_s").isNaN());
    }

    @Test
    void peakMemoryReportsBytes() {
        assertEquals(3e9, new PeakMemory().evaluate(MEASURED, NONE).get("peak_memory_bytes"), 0);
        assertTrue(new PeakMemory().evaluate(UNMEASURED, NONE).get("peak_memory_bytes").isNaN());
    }

    @Test
    void parametersReportsTheTrainableCount() {
        assertEquals(52_000, new Parameters().evaluate(MEASURED, NONE).get("parameters"), 0);
        assertTrue(new Parameters().evaluate(UNMEASURED, NONE).get("parameters").isNaN());
    }

    @Test
    void costsDeclareLowerIsBetterAndThroughputHigher() {
        assertEquals(Direction.LOWER_IS_BETTER, new PeakMemory().direction("peak_memory_bytes"));
        assertEquals(Direction.LOWER_IS_BETTER, new Parameters().direction("parameters"));
        assertEquals(Direction.LOWER_IS_BETTER, new Loss().direction("loss"));
        assertEquals(Direction.LOWER_IS_BETTER, new Perplexity().direction("perplexity"));
        assertEquals(Direction.HIGHER_IS_BETTER, new Throughput().direction("train_tokens_per_s"));
        assertEquals(Direction.HIGHER_IS_BETTER, new Accuracy().direction("accuracy"));
    }
}
