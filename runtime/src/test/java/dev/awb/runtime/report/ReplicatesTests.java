package dev.awb.runtime.report;

import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.report.StudyAnalysis.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report pools only replicates: trials whose configurations differ in the seed alone (issue 13). */
class ReplicatesTests {
    private static String config(long seed, int epochs, String attention) {
        return "{\"attention\":{\"use\":\"attention/" + attention + "\"},\"seed\":" + seed + ",\"trainer\":{\"epochs\":"
                + epochs + "}}";
    }

    private static ReportTrial trial(String id, long seed, String variant, int epochs) {
        return new ReportTrial(new TrialRecord(id, 1, seed, "{\"attention\":\"" + variant + "\"}",
                config(seed, epochs, variant), "finished", null, 1, null, null, null, null, null),
                Map.of("attention", variant), "finished");
    }

    /**
     * A store written before studies were kept to one configuration set: soft ran with 1 epoch (seeds 1, 2) and
     * again with 2 epochs (seed 1) under the same labels; linear with 1 epoch (seeds 1, 2).
     */
    private static StudyData mixed(List<ReportTrial> trials) {
        List<MetricRow> rows = new ArrayList<>();
        for (ReportTrial t : trials) {
            double accuracy = t.config().contains("\"epochs\":2") ? 0.9 : 0.5 + 0.01 * t.seed();
            rows.add(new MetricRow(t.id(), "test", "accuracy", null, accuracy));
        }
        Replicates replicates = Replicates.of(trials);
        return new StudyData(new StudyRecord("s", "s", "/s.yaml", "/tmp", "{\"compare\":\"attention\",\"baseline\":"
                + "\"soft\",\"axes\":[\"attention\"],\"metrics\":[\"test.accuracy\"]}", "abc", "0.1.0", "2026-01-01"),
                replicates.trials, rows, replicates.splits);
    }

    @Test
    void trialsWithEqualLabelsAndOtherSettingsAreReportedApartNeverPooled() {
        List<ReportTrial> trials = List.of(trial("a", 1, "soft", 1), trial("b", 2, "soft", 1), trial("c", 1, "soft", 2),
                trial("d", 1, "linear", 1), trial("e", 2, "linear", 1));
        StudyData data = mixed(trials);
        assertEquals(1, data.replicateSplits.size(), data.replicateSplits.toString());
        assertTrue(data.replicateSplits.get(0).contains("[trainer.epochs]"), data.replicateSplits.get(0));
        StudyAnalysis analysis = StudyAnalysis.of(data, false);
        assertEquals(List.of(Replicates.AXIS), analysis.design.contextAxes);
        Group oneEpoch = new Group("setting=trainer.epochs=1", "soft");
        Group twoEpochs = new Group("setting=trainer.epochs=2", "soft");
        assertEquals(2, analysis.summary(oneEpoch, "test.accuracy").n());
        assertEquals(0.515, analysis.summary(oneEpoch, "test.accuracy").mean(), 1e-12);
        assertEquals(1, analysis.summary(twoEpochs, "test.accuracy").n());
        assertEquals(0.9, analysis.summary(twoEpochs, "test.accuracy").mean(), 1e-12);
    }

    @Test
    void replicatesStayOneGroupAndTheSettingsThatDistinguishGroupsAreListed() {
        List<ReportTrial> trials = List.of(trial("a", 1, "soft", 1), trial("b", 2, "soft", 1), trial("d", 1, "linear", 1),
                trial("e", 2, "linear", 1));
        StudyData data = mixed(trials);
        assertEquals(List.of(), data.replicateSplits);
        assertEquals(Map.of("attention", "soft"), data.trials.get(0).labels(), "no label added to true replicates");
        StudyAnalysis analysis = StudyAnalysis.of(data, false);
        assertEquals(2, analysis.summary(new Group("", "soft"), "test.accuracy").n());
        Map<String, Map<String, String>> settings = Replicates.distinguishing(data.trials,
                t -> t.label("attention"), 10);
        assertEquals(Map.of("attention.use", Map.of("soft", "\"attention/soft\"", "linear", "\"attention/linear\"")),
                settings);
    }
}
