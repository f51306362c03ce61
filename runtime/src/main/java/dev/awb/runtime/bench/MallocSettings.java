package dev.awb.runtime.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The glibc malloc settings both sides' benchmark children run with: freed memory stays in the process for the next
 * step instead of going back to the kernel.
 *
 * <p>By default glibc serves every block over 128 KiB-32 MiB with a fresh {@code mmap} and unmaps it when freed, so
 * a step that allocates a 128 MiB score tensor maps and faults it in afresh each time. On this project's VM a page
 * fault costs several microseconds plus the zeroing of the page: PyTorch's soft attention fwd+bwd at L=1024 took
 * 3.3 s at 1 thread with 199,000 faults per step, and 0.22 s with none under these settings; the training step at
 * T=128 went from 240-390 ms to 75 ms (measured 2026-12-07, issue 14). How expensive faults are varies with the
 * host's state, which made the PyTorch side 2-5× slower than the reference anchor measured on another day: neither
 * side should be timed on the kernel's page-fault path. Both sides get the same settings, so the comparison stays
 * fair in time; a variable already set in awb's environment is passed through unchanged, and
 * {@code -Dawb.bench.malloc=default} (in {@code AWB_JAVA_OPTS}) leaves glibc's defaults to both sides.
 *
 * <p>Keeping freed memory costs PyTorch resident memory where large blocks fragment the heap: its soft attention
 * layer at L=1024 peaked at 1.23 GB instead of 0.70 GB (its training steps at T=128: unchanged, 0.32-0.38 GB), so
 * memory ratios of such cells are better taken with {@code default}.
 */
final class MallocSettings {
    /** Never serve a block by mmap below 4 GiB, never trim the heap's top below 64 GiB (glibc's env names). */
    static final Map<String, String> KEEP_FREED;

    static {
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("MALLOC_MMAP_THRESHOLD_", "4294967296");
        keep.put("MALLOC_TRIM_THRESHOLD_", "68719476736");
        KEEP_FREED = Map.copyOf(keep);
    }

    private MallocSettings() {
    }

    /** The system property that, set to {@code default}, leaves glibc's defaults to both sides. */
    static final String PROPERTY = "awb.bench.malloc";

    /** Adds the settings to a child's {@code environment} where it does not set them already. */
    static void apply(Map<String, String> environment) {
        if (!"default".equals(System.getProperty(PROPERTY))) {
            KEEP_FREED.forEach(environment::putIfAbsent);
        }
    }

    /** The settings a process runs with, for its environment record. */
    static Map<String, String> current() {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : KEEP_FREED.keySet()) {
            String value = System.getenv(name);
            found.put(name, value == null ? "(glibc default)" : value);
        }
        return found;
    }
}
