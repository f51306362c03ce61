package dev.awb.runtime.experiment;

/**
 * A position in an experiment file, 1-based, printed as {@code file:line:column}; line 0 means the file as a whole
 * (missing, unreadable, too large), printed as the file name alone.
 */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
