package dev.awb.runtime.report;

import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import java.time.Instant;

/** Reads one study from the results store into {@link StudyData}. */
final class StoreReader {
    private StoreReader() {
    }

    static StudyData read(ResultsStore store, String studyId) {
        StudyRecord study = store.study(studyId).orElseThrow(() -> new ReportException("no study [" + studyId
                + "] in store " + store.location().shown() + "; studies: " + store.studies().stream().map(StudyRecord::id).toList()));
        // Only the study's current plan, and never two configurations pooled under one set of labels.
        Instant now = Instant.now();
        Replicates replicates = Replicates.of(store.trials(studyId).stream().map(t -> ReportTrial.of(t, now)).toList());
        return new StudyData(study, replicates.trials, store.metrics(studyId), replicates.splits);
    }
}
