package dev.awb.runtime.study;

import dev.awb.runtime.AwbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thrown when a trial's directory cannot be written (a full disk, a read-only or missing mount): a condition of
 * the study, not of the trial, so the study stops at the first such failure instead of letting every remaining
 * trial train and fail on its checkpoint. The message names the path; a command ends with exit code 1 (a worker with {@link #WORKER_EXIT_CODE}).
 */
public final class StudyDirectoryUnwritable extends AwbException {
    private static final long serialVersionUID = 1L;
    /** The exit code of a worker whose trial directory cannot be written. */
    public static final int WORKER_EXIT_CODE = 4;

    public StudyDirectoryUnwritable(String message, Throwable cause) {
        super(FAILURE, message, cause);
    }

    /**
     * Checks that {@code dir} exists (creating it) and takes a write: a small file is written and deleted.
     *
     * @throws StudyDirectoryUnwritable naming {@code dir} when it cannot
     */
    public static void requireWritable(Path dir) {
        Path probe = dir.resolve(".awb-write-probe");
        try {
            Files.createDirectories(dir);
            Files.write(probe, new byte[4096]);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StudyDirectoryUnwritable(message(dir, e), e);
        }
    }

    /** Whether {@code dir} can be written now (see {@link #requireWritable}). */
    static boolean writable(Path dir) {
        try {
            requireWritable(dir);
            return true;
        } catch (StudyDirectoryUnwritable e) {
            return false;
        }
    }

    static String message(Path dir, Throwable cause) {
        return "cannot write into the trial directory " + dir.toAbsolutePath() + " (" + cause
                + "); the study stops here: free space or fix the directory, then run the same command again";
    }
}
