package dev.awb.datasets.files;

import dev.awb.api.dataset.TaskData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records a dataset left out under {@code skip_bad_records} while reading its splits, for the study report.
 *
 * <p>A file's malformed records are counted once per file, however many splits are held out of it (each split
 * reads the whole file); records that are well-formed but unusable (an unknown label, no tokens) belong to one
 * split and are added per split.
 */
final class SkippedRecords {
    private final Map<String, Integer> malformed = new LinkedHashMap<>();
    private long unusable;

    /** Adds one split's read of {@code file}. */
    void add(java.nio.file.Path file, int malformedInFile, int unusableInSplit) {
        malformed.put(file.toAbsolutePath().normalize().toString(), malformedInFile);
        unusable += unusableInSplit;
    }

    /** Every record left out. */
    long total() {
        return unusable + malformed.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** {@code data} with the total under {@link TaskData#SKIPPED_RECORDS} when skipping was asked for (0 included). */
    TaskData addTo(TaskData data, boolean skipBad) {
        return skipBad ? data.withCount(TaskData.SKIPPED_RECORDS, total()) : data;
    }
}
