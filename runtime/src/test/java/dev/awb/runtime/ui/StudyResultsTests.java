package dev.awb.runtime.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.ui.spi.UnknownResource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The Tablesaw tables views and JShell get from a store ({@link StudyResults}), on the fixture study. */
class StudyResultsTests {
    @TempDir
    Path dir;

    @Test
    void trialsTableHasOneRowPerPlannedTrialWithLabelsStatusAndLastLoss() throws Exception {
        UiFixture fixture = UiFixture.write(dir);
        try (ResultsStore store = ResultsStore.open(fixture.store.toString())) {
            StudyResults study = StudyResults.read(store, UiFixture.STUDY);
            Table trials = study.trials();
            assertEquals(List.of("trial", "trial_index", "seed", "status", "attempts", "error", "started", "attention",
                    "epoch", "epochs", "loss"), trials.columnNames());
            assertEquals(7, trials.rowCount());
            assertEquals(List.of("soft", "soft", "linear", "linear", UiFixture.EVIL, UiFixture.EVIL, "linear"),
                    trials.stringColumn("attention").asList());
            assertEquals("running", trials.stringColumn("status").get(6));
            assertEquals(1, trials.intColumn("epoch").getInt(6));
            assertEquals(2.5, trials.doubleColumn("loss").getDouble(6));
            assertEquals(3, trials.intColumn("epoch").getInt(0));
            assertTrue(trials.intColumn("epoch").isMissing(3), "the failed trial never recorded an epoch");
            assertEquals(3, trials.intColumn("epochs").getInt(3));
            assertEquals("attention", study.compare());
            assertEquals("test.accuracy", study.mainMetric());
        }
    }

    @Test
    void metricsTableIsTidyWithFinalValuesWithoutEpoch() throws Exception {
        UiFixture fixture = UiFixture.write(dir);
        try (ResultsStore store = ResultsStore.open(fixture.store.toString())) {
            Table metrics = StudyResults.read(store, UiFixture.STUDY).metrics();
            assertEquals(List.of("trial", "trial_index", "seed", "status", "attention", "split", "metric", "epoch", "value"),
                    metrics.columnNames());
            // 5 finished trials x (3 epochs + 2 finals) + the running trial's one epoch
            assertEquals(26, metrics.rowCount());
            Table finals = metrics.where(metrics.intColumn("epoch").isMissing()
                    .and(metrics.stringColumn("metric").isEqualTo("accuracy")));
            assertEquals(5, finals.rowCount());
        }
    }

    @Test
    void studiesTableCountsByStatusAndKeepsTheBestMainMetric() throws Exception {
        UiFixture fixture = UiFixture.write(dir);
        try (ResultsStore store = ResultsStore.open(fixture.store.toString())) {
            Table studies = StudyResults.studies(store);
            assertEquals(List.of("later", "ablation"), studies.stringColumn("study").asList());
            assertEquals(5, studies.intColumn("finished").getInt(1));
            assertEquals(1, studies.intColumn("failed").getInt(1));
            assertEquals(1, studies.intColumn("running").getInt(1));
            assertEquals(0.91, studies.doubleColumn("best").getDouble(1), 1e-12);
            assertTrue(studies.doubleColumn("best").isMissing(0));
            assertThrows(UnknownResource.class, () -> StudyResults.read(store, "nope"));
        }
    }
}
