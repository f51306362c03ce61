package dev.awb.runtime.study;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The default number of worker processes of {@code awb run}: one per core, but no more than the memory available
 * now holds at one worker's budget ({@value #BUDGET_PROPERTY}, default {@value #DEFAULT_BUDGET_TEXT}), and at least
 * one.
 *
 * <p>The default budget is the measured peak resident memory of a worker training the quickstart (≈1 GiB after the
 * fixes of issue 14) with headroom for longer sequences; a study of T=512 soft attention needs more and should say
 * so with {@code -Dawb.worker.memory=4g} in {@code AWB_JAVA_OPTS} or with {@code --workers}.
 */
public final class WorkerCount {
    /** System property holding one worker's memory budget, e.g. {@code 3g} or {@code 1500m}. */
    public static final String BUDGET_PROPERTY = "awb.worker.memory";
    static final String DEFAULT_BUDGET_TEXT = "2g";

    private WorkerCount() {
    }

    /** Workers for {@code cores} cores when {@code availableBytes} must hold each at {@code budgetBytes}. */
    public static int fitting(int cores, long availableBytes, long budgetBytes) {
        long byMemory = availableBytes / Math.max(1, budgetBytes);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** Workers for this machine now: its cores, its available memory and the configured budget. */
    public static int forThisMachine() {
        return fitting(Runtime.getRuntime().availableProcessors(), availableBytes(), budgetBytes());
    }

    /**
     * One worker's budget from {@value #BUDGET_PROPERTY}.
     *
     * @throws IllegalArgumentException naming the property and the value when it is not a size like {@code 2g}
     */
    public static long budgetBytes() {
        return parseSize(System.getProperty(BUDGET_PROPERTY, DEFAULT_BUDGET_TEXT));
    }

    /** Bytes of a size with an optional k, m, g or t suffix (powers of 1024). */
    static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : s.endsWith("t") ? 40 : 0;
        try {
            long value = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1));
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BUDGET_PROPERTY + " must be a positive size such as 2g or 1500m, found ["
                    + text + "]");
        }
    }

    /**
     * Memory that new processes can use now: Linux's MemAvailable (free memory plus reclaimable caches), capped by
     * the JVM's view of the machine's or container's total; the JVM's free memory where /proc is missing.
     */
    static long availableBytes() {
        long total = Long.MAX_VALUE;
        long free = Long.MAX_VALUE;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    free = Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: the JVM's free memory stands.
        }
        return Math.min(total, free);
    }
}
