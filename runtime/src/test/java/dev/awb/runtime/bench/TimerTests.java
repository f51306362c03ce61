package dev.awb.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimerTests {
    private static Timing timing(int reps, double maxForeign) {
        return new Timing(2, 0, reps, 0, 1_000, maxForeign, 0);
    }

    @Test
    void warmsUpThenTimesTheWantedRepetitionsWhenTheMachineIsQuietEnough() {
        AtomicInteger steps = new AtomicInteger();
        Timer.Measurement m = new Timer(timing(3, Double.MAX_VALUE)).measure(steps::incrementAndGet);
        assertEquals(2 + 3, steps.get());
        assertEquals(3, m.reps());
        assertEquals(0, m.discarded());
        assertEquals(1, m.inner());
        assertFalse(m.contended());
        assertEquals(3, m.samplesMs().size());
        assertTrue(m.minMs() <= m.medianMs());
        assertTrue(m.cpuMs() >= 0, "CPU time per step " + m.cpuMs());
    }

    @Test
    void discardsRepetitionsOverTheForeignLoadLimitAndSaysTheCellWasContended() {
        AtomicInteger steps = new AtomicInteger();
        // No load is ever below -1 core: every repetition is discarded, up to three times the wanted count, and the
        // median comes from the discarded ones, flagged.
        Timer.Measurement m = new Timer(timing(2, -1)).measure(steps::incrementAndGet);
        assertEquals(2 + 6, steps.get());
        assertEquals(6, m.discarded());
        assertEquals(6, m.reps());
        assertTrue(m.contended());
    }

    @Test
    void countsThePageFaultsOfAStepThatMapsFreshMemoryEachTime() {
        // A 64 MiB direct buffer per step: glibc maps blocks over 32 MiB afresh (mmap) every time, freed or not, so
        // every step faults in about 16384 pages of 4 KiB.
        Timer.Measurement m = new Timer(timing(3, Double.MAX_VALUE)).measure(() -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(64 << 20);
            for (int i = 0; i < b.capacity(); i += 4096) {
                b.put(i, (byte) 1);
            }
        });
        assertTrue(m.faultsPerStep() >= 8000, "faults per step " + m.faultsPerStep());
    }
}
