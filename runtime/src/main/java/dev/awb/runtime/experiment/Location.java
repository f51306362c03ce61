package dev.awb.runtime.experiment;

/**
 * A position in an experiment file, 1-based, printed as {@code file:line:column}.
 */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
