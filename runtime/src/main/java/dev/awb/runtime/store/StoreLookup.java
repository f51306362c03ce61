package dev.awb.runtime.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a study or a trial in a results store by what a user typed (a study id, a trial id or a prefix of one),
 * failing with a message that says what the store has instead; used by every command that reads the store.
 */
public final class StoreLookup {
    private StoreLookup() {
    }

    /**
     * The study {@code id}.
     *
     * @throws StudyNotFound naming the store (its URL without credentials) and the studies it has
     */
    public static StudyRecord study(ResultsStore results, String id) {
        return results.study(id).orElseThrow(() -> new StudyNotFound("no study '" + id + "' in "
                + results.location().shown() + "; studies: "
                + results.studies().stream().map(StudyRecord::id).toList()));
    }

    /**
     * The one trial whose id starts with {@code prefix}, searched in every study or only in {@code study} when it is
     * not null.
     *
     * @throws TrialNotFound if none or several match, listing the candidates (id, study, labels, seed, status)
     */
    public static StudyTrial trial(ResultsStore results, String prefix, String study) {
        List<StudyTrial> matches = results.findTrials(prefix).stream()
                .filter(t -> study == null || t.studyId().equals(study)).toList();
        String where = study == null ? "" : " of study '" + study + "'";
        if (matches.isEmpty()) {
            throw new TrialNotFound("no trial" + where + " has an id starting with '" + prefix + "' in "
                    + results.location().shown() + " (awb studies lists studies, awb studies"
                    + " STUDY their trials)");
        }
        if (matches.size() > 1) {
            throw new TrialNotFound("'" + prefix + "' matches " + matches.size() + " trials; give more of the id"
                    + (matches.stream().map(m -> m.trial().id()).distinct().count() == 1 ? " or --study" : "")
                    + ":\n" + matches.stream().map(StoreLookup::candidate).collect(Collectors.joining("\n")));
        }
        return matches.get(0);
    }

    private static String candidate(StudyTrial match) {
        TrialRecord t = match.trial();
        return "  " + t.id() + "  study " + match.studyId() + "  " + t.labelsText() + " seed=" + t.seed() + "  "
                + t.status();
    }
}
