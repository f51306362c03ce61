package dev.awb.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RunReportTests {
    private static final StudyRecord RUN = new StudyRecord("demo", "demo <script>alert(1)</script> | x", "/x.yaml",
            "/runs/demo", "{}", "abc", "0.1.0", "2026-11-21T00:00:00Z");
    private static final List<TrialRecord> TRIALS = List.of(
            new TrialRecord("t1", 1, 1, "{\"variant\":\"soft\"}", "{}", "finished", null, 1, "h:1", null, null),
            new TrialRecord("t2", 2, 2, "{\"variant\":\"soft\"}", "{}", "finished", null, 1, "h:1", null, null));
    private static final List<MetricRow> ROWS = List.of(
            new MetricRow("t1", "test", "accuracy", null, 0.5),
            new MetricRow("t2", "test", "accuracy", null, 0.7),
            new MetricRow("t1", "train", "loss", 1, 2.0),
            new MetricRow("t2", "train", "loss", 1, 1.0));

    @Test
    void summarisesFinalValuesOverSeeds() {
        Table summary = new RunReport(RUN, TRIALS, ROWS).summary();
        assertEquals(1, summary.rowCount());
        assertEquals("test.accuracy", summary.stringColumn("metric").get(0));
        assertEquals(0.6, summary.doubleColumn("mean").getDouble(0), 1e-12);
        // Sample standard deviation of {0.5, 0.7}: sqrt(((-0.1)^2 + 0.1^2) / (2 - 1)) = 0.1414213562373095
        assertEquals(0.1414213562373095, summary.doubleColumn("std").getDouble(0), 1e-12);
        assertEquals(2, summary.intColumn("n").getInt(0));
    }

    @Test
    void averagesLearningCurvesPerEpoch() {
        Table curves = new RunReport(RUN, TRIALS, ROWS).curves();
        assertEquals(1, curves.rowCount());
        assertEquals(1.5, curves.doubleColumn("mean").getDouble(0), 1e-12);
    }

    @Test
    void escapesUserControlledStringsInMarkdown() {
        String md = new RunReport(RUN, TRIALS, ROWS).markdown();
        assertFalse(md.contains("<script>"), md);
        assertTrue(md.startsWith("# demo &lt;script&gt;alert(1)&lt;/script&gt; \\| x\n"), md);
    }
}
