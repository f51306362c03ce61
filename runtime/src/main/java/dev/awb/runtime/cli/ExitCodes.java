package dev.awb.runtime.cli;

import dev.awb.runtime.cluster.SlurmException;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.launch.LaunchException;
import dev.awb.runtime.report.ReportException;
import dev.awb.runtime.store.InvalidStoreLocation;
import dev.awb.runtime.store.StoreException;
import dev.awb.runtime.study.StudyDirectoryUnwritable;
import java.util.Map;

/**
 * The exit codes of every {@code awb} command, and the one table that maps the exceptions a command may end with
 * to theirs ({@link #of}).
 */
public final class ExitCodes {
    /** Everything worked (every trial finished). */
    public static final int OK = 0;
    /** Something failed while running: a trial, a plugin, the store (the others still ran). */
    public static final int FAILURE = 1;
    /** Bad input: unknown option, unreadable or invalid experiment file; nothing was run or stored. */
    public static final int BAD_INPUT = 2;

    /** The exit code of a run in which {@code failed} (at least one) trials failed: 10 + N, at most 110. */
    public static int trialsFailed(int failed) {
        return 10 + Math.min(Math.max(failed, 1), 100);
    }

    /**
     * The expected failures, each with its exit code: bad input the user can fix, and failures of something outside
     * the program (a plugin, the store, Slurm, the file system), printed as their message without a stack trace.
     */
    private static final Map<Class<? extends RuntimeException>, Integer> EXPECTED = Map.of(
            ExperimentException.class, BAD_INPUT,
            InvalidStoreLocation.class, BAD_INPUT,
            LaunchException.class, FAILURE,
            ReportException.class, FAILURE,
            SlurmException.class, FAILURE,
            StoreException.class, FAILURE,
            StudyDirectoryUnwritable.class, FAILURE);

    /**
     * The exit code of an expected failure {@code e} (of one of the types above or a subtype), or null for
     * anything else: a bug, printed with its stack trace and exit code {@link #FAILURE}.
     */
    static Integer of(Throwable e) {
        for (Map.Entry<Class<? extends RuntimeException>, Integer> entry : EXPECTED.entrySet()) {
            if (entry.getKey().isInstance(e)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private ExitCodes() {
    }
}
