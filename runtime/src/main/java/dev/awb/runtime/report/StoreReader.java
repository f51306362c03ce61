package dev.awb.runtime.report;

import dev.awb.runtime.experiment.StudySpec;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.util.List;
import java.util.Map;

/** Reads one study from the results store into {@link StudyData}. */
final class StoreReader {
    private StoreReader() {
    }

    static StudyData read(ResultsStore store, String studyId) {
        StudyRecord study = store.study(studyId).orElseThrow(() -> new ReportException("no study [" + studyId
                + "] in store " + store.location().shown() + "; studies: " + store.studies().stream().map(StudyRecord::id).toList()));
        // Only the study's current plan, and never two configurations pooled under one set of labels.
        Replicates replicates = Replicates.of(store.trials(studyId).stream().map(StoreReader::trial).toList());
        List<StudyData.Measurement> rows = store.metrics(studyId).stream().map(StoreReader::measurement).toList();
        StudyData.Info info = new StudyData.Info(study.id(), study.experiment(), study.file(), study.dir(),
                study.revision(), study.awbVersion(), study.created());
        return new StudyData(info, StudySpec.parse(study.spec()), replicates.trials, rows, replicates.splits);
    }

    private static ReportTrial trial(TrialRecord t) {
        return new ReportTrial(t.id(), t.index(), t.seed(), t.labels() == null || t.labels().isBlank() ? Map.of()
                : t.labelMap(), t.statusAt(java.time.Instant.now()), t.error(), t.attempts(), t.config());
    }

    private static StudyData.Measurement measurement(MetricRow row) {
        return new StudyData.Measurement(row.trialId(), row.split(), row.name(), row.epoch(), row.value());
    }
}
