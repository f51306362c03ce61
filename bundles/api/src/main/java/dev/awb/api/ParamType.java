package dev.awb.api;

/** The value type of a plugin parameter, as written in experiment files. */
public enum ParamType {
    /** A whole number (Java {@code int}). */
    INT,
    /** A real number (Java {@code double}); integers are accepted. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of strings, see {@link ParamSpec#choices()}. */
    CHOICE,
    /** Free text. */
    STRING,
    /**
     * A file or folder path. The runtime resolves a relative path against the directory of the experiment
     * file that names it, so plugins always receive an absolute path (or the empty string for "none").
     */
    PATH;

    /** The lower-case name used in messages and schemas. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
