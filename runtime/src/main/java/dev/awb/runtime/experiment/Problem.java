package dev.awb.runtime.experiment;

/** One thing wrong with an experiment file, at a position. */
public record Problem(Location location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
