package dev.awb.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkerCountTests {
    private static final long GIB = 1L << 30;

    @Test
    void takesOneWorkerPerCoreWhenMemoryHoldsThemAll() {
        assertEquals(2, WorkerCount.fitting(2, 24 * GIB, 2 * GIB));
    }

    @Test
    void takesFewerWorkersThanCoresWhenMemoryIsShort() {
        assertEquals(3, WorkerCount.fitting(16, 7 * GIB, 2 * GIB));
    }

    @Test
    void takesOneWorkerEvenWhenTheBudgetExceedsWhatIsAvailable() {
        assertEquals(1, WorkerCount.fitting(8, GIB, 4 * GIB));
    }

    @Test
    void readsSizesWithUnitSuffixes() {
        assertEquals(2 * GIB, WorkerCount.parseSize("2g"));
        assertEquals(1500L << 20, WorkerCount.parseSize("1500M"));
        assertEquals(4096, WorkerCount.parseSize("4096"));
    }

    @Test
    void rejectsABudgetThatIsNotASizeNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerCount.parseSize("lots"));
        assertTrue(e.getMessage().contains("awb.worker.memory") && e.getMessage().contains("[lots]"), e.getMessage());
    }

    @Test
    void seesSomeAvailableMemoryOnThisMachine() {
        assertTrue(WorkerCount.availableBytes() > 0);
    }
}
