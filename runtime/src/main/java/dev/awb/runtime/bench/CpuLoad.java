package dev.awb.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time other processes take from this machine while a benchmark runs: the busy jiffies of all CPUs
 * ({@code /proc/stat}, steal included) minus this process's own ({@code /proc/self/stat}), in cores. The
 * benchmark's contention guard: a repetition during which foreign load exceeded a threshold is not counted.
 *
 * <p>It sees only load inside this machine (or VM); a noisy neighbour on the host shows only in the canary. The
 * PyTorch side ({@code torch_bench.py}) computes the same quantity the same way.
 */
final class CpuLoad {
    /** Jiffies per second; Linux's USER_HZ is 100 on every architecture this runs on. */
    private static final double HZ = 100.0;

    /** A reading: machine busy jiffies, this process's jiffies, wall time. */
    record Sample(long busy, long own, long nanos) {
        /** Foreign load in cores between {@code earlier} and this sample; 0 when either could not be read. */
        double foreignSince(Sample earlier) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            if (busy < 0 || earlier.busy < 0 || seconds <= 0) {
                return 0;
            }
            return Math.max(0, ((busy - earlier.busy) - (own - earlier.own)) / HZ / seconds);
        }
    }

    private CpuLoad() {
    }

    static Sample sample() {
        return new Sample(machineBusy(), ownJiffies(), System.nanoTime());
    }

    /**
     * Waits until two consecutive seconds had at most {@code maxForeign} cores of foreign load, or
     * {@code maxWaitSeconds} passed; returns the seconds waited.
     */
    static double waitForQuiet(double maxForeign, double maxWaitSeconds) {
        long start = System.nanoTime();
        int quiet = 0;
        while (quiet < 2 && (System.nanoTime() - start) / 1e9 < maxWaitSeconds) {
            Sample before = sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            quiet = sample().foreignSince(before) <= maxForeign ? quiet + 1 : 0;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** CPU time of this process, all threads (native ones included), in nanoseconds; -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Minor page faults of this process so far ({@code minflt} of /proc/self/stat); -1 when unreadable. On a VM a
     * fault costs microseconds of kernel time plus zeroing the page, so a step that maps fresh memory for every
     * tensor pays for it on each step: a cost that, unlike wall time, does not depend on other processes' load.
     */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** user + nice + system + irq + softirq + steal of the first line of /proc/stat; -1 when unreadable. */
    static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of this process (all its threads) from /proc/self/stat; 0 when unreadable. */
    static long ownJiffies() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
