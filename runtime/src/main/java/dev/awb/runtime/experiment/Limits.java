package dev.awb.runtime.experiment;

import java.util.regex.Pattern;

/**
 * The documented limits on experiment files, checked before anything is parsed, expanded or run.
 *
 * <p>Each limit refuses a file by its size or count at once, before the work it would cause: a 10⁹-point sweep is
 * refused from the product of its axis lengths, never built; a huge file from its size on disk, never scanned.
 */
public final class Limits {
    /** The largest experiment file read: 1 MiB, far beyond any hand-written study. */
    public static final long MAX_FILE_BYTES = 1L << 20;

    /** The most trials (sweep points × budget points × seeds) one study may plan. */
    public static final long MAX_TRIALS = 100_000;

    /**
     * The experiment name: it becomes a directory under {@code runs/} and a study id, so it is one portable path
     * segment: a letter or digit, then up to 63 letters, digits, {@code .}, {@code _} or {@code -} (no path
     * separator, no {@code ..}, no spaces).
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The pattern of {@link #NAME} as printed in errors and the README. */
    public static final String NAME_RULE = "a letter or digit, then up to 63 letters, digits, '.', '_' or '-'"
            + " (it names the study's directory under runs/)";

    private Limits() {
    }

    /** Why {@code name} cannot be an experiment name, or null when it can. */
    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "the experiment name is empty; it must be " + NAME_RULE;
        }
        if (name.contains("..")) {
            return "experiment name '" + name + "' contains '..'; it must be " + NAME_RULE;
        }
        if (name.contains("/") || name.contains("\\")) {
            return "experiment name '" + name + "' contains a path separator; it must be " + NAME_RULE;
        }
        if (name.length() > 64) {
            return "experiment name '" + name + "' is " + name.length() + " characters long; it must be " + NAME_RULE;
        }
        if (!NAME.matcher(name).matches()) {
            return "experiment name '" + name + "' is not a safe directory name; it must be " + NAME_RULE;
        }
        return null;
    }
}
