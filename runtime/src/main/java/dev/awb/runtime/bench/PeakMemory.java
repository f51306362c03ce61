package dev.awb.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's peak resident memory as the kernel counts it ({@code VmHWM} in {@code /proc/self/status}):
 * heap, off-heap tensors, native libraries and all. Each benchmark cell runs in its own process, so the high-water
 * mark is that cell's alone.
 */
final class PeakMemory {
    private PeakMemory() {
    }

    /**
     * Resets the high-water mark to the current resident size (writing 5 to {@code /proc/self/clear_refs}), so
     * that the canary's buffers are not counted; false where the kernel does not allow it.
     */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** VmHWM in bytes, or -1 when /proc/self/status cannot be read. */
    static long highWaterMark() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
