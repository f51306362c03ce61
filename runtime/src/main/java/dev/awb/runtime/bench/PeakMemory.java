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
     * Resets the high-water mark to the current resident size (writing 5 to {@code /proc/self/clear_refs}), after
     * returning freed native memory to the kernel ({@code malloc_trim}), so that the canary's buffers are not
     * counted; false where the kernel does not allow it.
     */
    static boolean reset() {
        // Freed blocks (the canary's 512 MiB) stay in the process under MallocSettings until trimmed: give them back
        // first, or the high-water mark would start from them.
        trimNativeMemory();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * glibc's {@code malloc_trim(0)}, which JavaCPP binds as {@code Pointer.trimMemory()} but keeps private in the
     * version ND4J M2.1 brings; nothing where it cannot be reached.
     */
    private static void trimNativeMemory() {
        try {
            java.lang.reflect.Method trim = org.bytedeco.javacpp.Pointer.class.getDeclaredMethod("trimMemory");
            trim.setAccessible(true);
            trim.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // The high-water mark then starts from whatever freed memory is still mapped.
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
