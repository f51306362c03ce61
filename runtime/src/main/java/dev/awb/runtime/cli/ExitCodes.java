package dev.awb.runtime.cli;

import dev.awb.runtime.AwbException;
import java.io.PrintWriter;

/**
 * The exit codes of every {@code awb} command, and the one place an exception a command ends with becomes its exit
 * code and its message: an {@link AwbException} carries its own (bad input 2, a failure of something outside the
 * program 1) and prints as its messages; anything else is a bug, printed with its stack trace, exit 1.
 */
public final class ExitCodes {
    /** Everything worked (every trial finished). */
    public static final int OK = 0;
    /** Something failed while running: a trial, a plugin, the store (the others still ran). */
    public static final int FAILURE = AwbException.FAILURE;
    /** Bad input: unknown option, unreadable or invalid experiment file; nothing was run or stored. */
    public static final int BAD_INPUT = AwbException.BAD_INPUT;

    /** The exit code of a run in which {@code failed} (at least one) trials failed: 10 + N, at most 110. */
    public static int trialsFailed(int failed) {
        return 10 + Math.min(Math.max(failed, 1), 100);
    }

    /** The exit code of a command that ended with {@code e}. */
    static int of(Throwable e) {
        return e instanceof AwbException expected ? expected.exitCode() : FAILURE;
    }

    /**
     * Tells the user how a command ended with {@code e} on {@code err} and returns its exit code ({@link #of}):
     * {@code error: MESSAGE} per message of an {@link AwbException}, else the exception with its stack trace.
     */
    static int report(Throwable e, PrintWriter err) {
        if (e instanceof AwbException expected) {
            expected.messages().forEach(m -> err.println("error: " + m));
        } else {
            err.println("error: " + e);
            e.printStackTrace(err);
        }
        return of(e);
    }

    private ExitCodes() {
    }
}
