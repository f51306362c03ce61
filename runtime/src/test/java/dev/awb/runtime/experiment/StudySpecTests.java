package dev.awb.runtime.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.metric.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The study spec is one record: what the planning run writes is what the report reads, directions included. */
class StudySpecTests {

    @Test
    void readsBackWhatItWrites() {
        StudySpec spec = new StudySpec("variant", "soft", List.of("test.accuracy"), List.of("variant"),
                List.of("optimizer.with.lr"), "validation.loss", "min",
                Map.of("validation.loss", Direction.LOWER_IS_BETTER), List.of("seeds=[1,2]"));
        assertEquals(spec, StudySpec.parse(spec.json()));
    }

    @Test
    void readsASpecWrittenBeforeDirectionsWereRecorded() {
        StudySpec spec = StudySpec.parse("{\"compare\":\"attention\",\"baseline\":\"soft\",\"metrics\":[],"
                + "\"axes\":[\"attention\"],\"budget\":[],\"select\":null,\"select_mode\":null}");
        assertEquals("attention", spec.compare());
        assertEquals(List.of(), spec.overrides());
        assertEquals(Direction.LOWER_IS_BETTER, spec.direction("test.loss"));
        assertEquals(Direction.HIGHER_IS_BETTER, spec.direction("test.accuracy"));
        assertEquals(StudySpec.NONE, StudySpec.parse(""));
    }

    @Test
    void takesEachMetricsDirectionFromItsDeclarationThenTheRuntimeTable() {
        StudySpec spec = StudySpec.NONE.withDirections(Map.of("validation.peak_memory_bytes", Direction.LOWER_IS_BETTER,
                "test.f1/B-PER", Direction.HIGHER_IS_BETTER, "test.error_rate", Direction.LOWER_IS_BETTER));
        assertEquals(Direction.LOWER_IS_BETTER, spec.direction("validation.peak_memory_bytes"));
        assertEquals(Direction.HIGHER_IS_BETTER, spec.direction("test.f1/I-LOC"));
        assertEquals(Direction.LOWER_IS_BETTER, spec.direction("test.error_rate"));
        assertEquals(Direction.HIGHER_IS_BETTER, spec.direction("cost.train_tokens_per_s"));
        assertEquals(Direction.LOWER_IS_BETTER, spec.direction("cost.peak_physical_bytes"));
    }

    @Test
    void selectsInTheSelectedMetricsDirectionUnlessTheFileSaysOtherwise() {
        StudySpec memory = new StudySpec(null, null, null, null, null, "validation.peak_memory_bytes", null, null, null)
                .withDirections(Map.of("validation.peak_memory_bytes", Direction.LOWER_IS_BETTER));
        assertEquals("min", memory.selectMode());
        assertEquals(Direction.LOWER_IS_BETTER, memory.selectDirection());
        StudySpec forced = new StudySpec(null, null, null, null, null, "validation.peak_memory_bytes", "max", null,
                null).withDirections(Map.of("validation.peak_memory_bytes", Direction.LOWER_IS_BETTER));
        assertEquals(Direction.HIGHER_IS_BETTER, forced.selectDirection());
    }
}
