package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ResultsStore#lastEpochValues}: each trial's value at its highest epoch, for one metric, nothing else. */
class LastEpochValuesTests {
    @TempDir
    Path dir;

    @Test
    void givesEachTrialsValueAtItsHighestEpochOfThatMetricOnly() {
        try (ResultsStore store = ResultsStore.open(dir.resolve("s.sqlite").toString())) {
            store.createStudy(new StudyRecord("s", "s", "s.yaml", dir.toString(), "{}", "r", "v", "2026-01-01T00:00:00Z"));
            store.registerTrials("s", List.of(TrialRecord.planned("a", 1, 1, "{}", "{}"),
                    TrialRecord.planned("b", 2, 2, "{}", "{}"), TrialRecord.planned("c", 3, 3, "{}", "{}")));
            store.recordMetric("s", "a", "train", "loss", 1, 3.0);
            store.recordMetric("s", "a", "train", "loss", 2, 2.0);
            store.recordMetric("s", "a", "validation", "accuracy", 3, 0.5);
            store.recordMetric("s", "b", "train", "loss", 1, 4.0);
            store.finishTrial("s", "b", List.of(new MetricRow("b", "train", "loss", null, 9.0)));
            List<MetricRow> last = store.lastEpochValues("s", "train", "loss").stream()
                    .sorted(Comparator.comparing(MetricRow::trialId)).toList();
            assertEquals(List.of(new MetricRow("a", "train", "loss", 2, 2.0), new MetricRow("b", "train", "loss", 1, 4.0)),
                    last);
        }
    }
}
