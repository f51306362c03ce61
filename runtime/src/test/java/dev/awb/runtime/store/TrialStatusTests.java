package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trial statuses and splits are enums whose stored texts are the ones the store's SQL and older stores use. */
class TrialStatusTests {
    @Test
    void storesTheLowerCaseNames() {
        assertEquals(List.of("pending", "running", "finished", "diverged", "failed", "interrupted"),
                Arrays.stream(TrialStatus.values()).map(TrialStatus::text).toList());
        assertEquals(List.of("train", "validation", "test", "cost", "data"),
                Arrays.stream(Split.values()).map(Split::text).toList());
        assertEquals("validation.accuracy", Split.VALIDATION.key("accuracy"));
    }

    @Test
    void readsEachStoredTextBackAndRefusesOthers() {
        for (TrialStatus status : TrialStatus.values()) {
            assertEquals(status, TrialStatus.of(status.text()));
        }
        StoreException e = assertThrows(StoreException.class, () -> TrialStatus.of("stale"));
        assertTrue(e.getMessage().contains("[stale]"), e.getMessage());
    }

    @Test
    void onlyFinishedAndDivergedAreDone() {
        assertEquals(List.of(TrialStatus.FINISHED, TrialStatus.DIVERGED),
                Arrays.stream(TrialStatus.values()).filter(TrialStatus::isDone).toList());
    }
}
