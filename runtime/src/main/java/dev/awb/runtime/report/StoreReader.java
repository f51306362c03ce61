package dev.awb.runtime.report;

import dev.awb.runtime.store.ResultsStore;

final class StoreReader {
    static StudyData read(ResultsStore store, String studyId) {
        throw new UnsupportedOperationException("temporary");
    }
}
