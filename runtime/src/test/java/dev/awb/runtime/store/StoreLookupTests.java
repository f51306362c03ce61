package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.AwbException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a study or a trial by what a user typed, and what the store has instead when nothing fits. */
class StoreLookupTests {
    @TempDir
    Path dir;

    private String store;

    @BeforeEach
    void twoStudiesSharingATrial() {
        store = dir.resolve("awb.sqlite").toString();
        try (ResultsStore results = ResultsStore.open(store)) {
            for (String study : List.of("ablation", "ablation-2")) {
                results.createStudy(new StudyRecord(study, "ablation", "/x.yaml", "/runs/" + study, "{}", "rev", "0.1",
                        "2026-01-01T00:00:00Z"));
                results.registerTrials(study, List.of(
                        TrialRecord.planned("0123456789abcdef", 1, 1, "{\"variant\":\"soft\"}", "{}"),
                        TrialRecord.planned("0123aaaa00000000", 2, 1, "{}", "{}")));
            }
        }
    }

    @Test
    void findsAStudyOrNamesTheStudiesTheStoreHas() {
        try (ResultsStore results = ResultsStore.open(store)) {
            assertEquals("/runs/ablation-2", StoreLookup.study(results, "ablation-2").dir());
            StudyNotFound missing = assertThrows(StudyNotFound.class, () -> StoreLookup.study(results, "ablaton"));
            assertEquals(AwbException.BAD_INPUT, missing.exitCode());
            assertTrue(missing.getMessage().startsWith("no study 'ablaton' in jdbc:sqlite:"), missing.getMessage());
            assertTrue(missing.getMessage().endsWith("; studies: [ablation, ablation-2]"), missing.getMessage());
        }
    }

    @Test
    void findsTheOneTrialAPrefixNamesWithinAStudy() {
        try (ResultsStore results = ResultsStore.open(store)) {
            StudyTrial found = StoreLookup.trial(results, "01234", "ablation-2");
            assertEquals("ablation-2", found.studyId());
            assertEquals("0123456789abcdef", found.trial().id());
        }
    }

    @Test
    void anAmbiguousPrefixListsEveryCandidateWithItsStudyAndLabels() {
        try (ResultsStore results = ResultsStore.open(store)) {
            TrialNotFound sameTrial = assertThrows(TrialNotFound.class, () -> StoreLookup.trial(results, "01234", null));
            assertEquals("'01234' matches 2 trials; give more of the id or --study:\n"
                    + "  0123456789abcdef  study ablation  variant=soft seed=1  pending\n"
                    + "  0123456789abcdef  study ablation-2  variant=soft seed=1  pending", sameTrial.getMessage());
            TrialNotFound several = assertThrows(TrialNotFound.class,
                    () -> StoreLookup.trial(results, "0123", "ablation"));
            assertTrue(several.getMessage().startsWith("'0123' matches 2 trials; give more of the id:\n"),
                    several.getMessage());
            assertTrue(several.getMessage().contains("  0123aaaa00000000  study ablation  - seed=1  pending"),
                    several.getMessage());
        }
    }

    @Test
    void aPrefixNoTrialHasIsBadInput() {
        try (ResultsStore results = ResultsStore.open(store)) {
            TrialNotFound none = assertThrows(TrialNotFound.class, () -> StoreLookup.trial(results, "beef", null));
            assertEquals(AwbException.BAD_INPUT, none.exitCode());
            assertTrue(none.getMessage().startsWith("no trial has an id starting with 'beef' in jdbc:sqlite:"),
                    none.getMessage());
        }
    }
}
