package dev.awb.runtime.cli;

/**
 * The exit codes of every {@code awb} command.
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

    private ExitCodes() {
    }
}
