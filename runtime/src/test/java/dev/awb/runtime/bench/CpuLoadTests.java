package dev.awb.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuLoadTests {
    @Test
    void foreignLoadIsTheMachinesBusyTimeLessThisProcesssInCores() {
        CpuLoad.Sample before = new CpuLoad.Sample(1_000, 100, 0);
        // Two seconds: 300 busy jiffies on the machine, 100 of them this process's -> 200 jiffies = 2 s = 1 core.
        CpuLoad.Sample after = new CpuLoad.Sample(1_300, 200, 2_000_000_000L);
        assertEquals(1.0, after.foreignSince(before), 1e-9);
    }

    @Test
    void unreadableStatisticsCountAsNoForeignLoad() {
        assertEquals(0.0, new CpuLoad.Sample(-1, 0, 1_000_000_000L).foreignSince(new CpuLoad.Sample(-1, 0, 0)));
    }

    @Test
    void readsThisMachinesCounters() {
        assertTrue(CpuLoad.machineBusy() > 0);
        assertTrue(CpuLoad.ownJiffies() >= 0);
    }

    @Test
    void peakMemoryIsThisProcesssHighWaterMark() {
        long peak = PeakMemory.highWaterMark();
        assertTrue(peak > 10L << 20, "VmHWM " + peak);
    }
}
