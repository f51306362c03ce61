package dev.awb.runtime.ui;

import dev.awb.runtime.report.ReportException;
import dev.awb.runtime.report.StudyReport;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.ui.spi.Results;
import dev.awb.runtime.ui.spi.UnknownResource;
import java.util.Optional;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * The workbench's view of one open results store. The store holds one JDBC connection, which is not safe for
 * concurrent use, so every read here takes the store's lock; pages render concurrently from these snapshots.
 */
public final class StoreResults implements Results {
    private final ResultsStore store;
    private final java.util.Map<String, CachedReport> reports = new java.util.concurrent.ConcurrentHashMap<>();

    public StoreResults(ResultsStore store) {
        this.store = store;
    }

    @Override
    public Table studies() {
        return read(StudyResults::studies);
    }

    @Override
    public StudyResults study(String id) {
        return read(s -> StudyResults.read(s, id, this::read));
    }

    /**
     * The report's sections of study {@code id} as HTML, computed by the report's own code ({@code awb report}
     * shows the same numbers). Kept until the study's trial counts by status change: the report reads finished
     * trials only, and a trial's final metrics are stored in the same transaction as its {@code finished} status.
     *
     * @throws ReportException if the study cannot be analysed
     */
    String report(String id) {
        String key = read(s -> s.statusCounts(id)).toString();
        CachedReport cached = reports.get(id);
        if (cached != null && cached.key().equals(key)) {
            return cached.html();
        }
        StudyReport report = read(s -> StudyReport.load(s, id));
        String html = report.htmlSections();
        reports.put(id, new CachedReport(key, html));
        return html;
    }

    private record CachedReport(String key, String html) {
    }

    /** Trial {@code trialId} of study {@code studyId}: the full id or a prefix unique within the study. */
    TrialRecord trial(String studyId, String trialId) {
        return read(s -> {
            Optional<TrialRecord> exact = s.trial(studyId, trialId);
            if (exact.isPresent()) {
                return exact.get();
            }
            var matches = s.allTrials(studyId).stream().filter(t -> t.id().startsWith(trialId)).toList();
            if (matches.size() == 1 && trialId.length() >= 4) {
                return matches.get(0);
            }
            throw new UnknownResource("no trial [" + trialId + "] in study [" + studyId + "]"
                    + (matches.size() > 1 ? " (the prefix matches " + matches.size() + " trials)" : ""),
                    "/study/" + dev.awb.runtime.ui.spi.Markup.pathSegment(studyId), "the trials of study " + studyId);
        });
    }

    /** Every metric row of one trial. */
    java.util.List<dev.awb.runtime.store.MetricRow> metrics(String studyId, String trialId) {
        return read(s -> s.metrics(studyId, trialId));
    }

    /** The provenance JSON of a trial's last attempt, if recorded. */
    Optional<String> provenance(String studyId, String trialId) {
        return read(s -> s.provenance(studyId, trialId));
    }

    private <T> T read(Function<ResultsStore, T> reader) {
        synchronized (store) {
            return reader.apply(store);
        }
    }
}
