package dev.awb.runtime;

import java.util.List;

/**
 * An expected failure of an {@code awb} operation, carrying the exit code the command ends with: bad input the user
 * can fix ({@link #BAD_INPUT}), or something outside the program that failed — a plugin, the store, Slurm, the file
 * system ({@link #FAILURE}). The command line prints its {@linkplain #messages() messages} without a stack trace;
 * any other exception is a bug and is printed with one.
 *
 * <p>Each condition has its own subtype in the package that detects it ({@code ExperimentException},
 * {@code StoreException}, ...), which fixes its exit code once, so the command line needs no table of types.
 */
public abstract class AwbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Exit code: something failed while running (a trial, a plugin, the store, the file system). */
    public static final int FAILURE = 1;
    /** Exit code: bad input (unknown option, unreadable or invalid file, unknown study or trial); nothing was run. */
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    protected AwbException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code of a command that ends with this failure. */
    public final int exitCode() {
        return exitCode;
    }

    /** What to tell the user, one line each (printed after {@code error: }); by default the message. */
    public List<String> messages() {
        return List.of(String.valueOf(getMessage()));
    }
}
