package dev.awb.api.metric;

import java.util.Objects;

/**
 * The scored predictions of one split, flattened over every scored position (ignored positions and
 * padding already removed).
 *
 * @param predicted the predicted class of each scored position
 * @param actual the true class of each scored position
 * @param numClasses the number of classes
 */
public record Predictions(int[] predicted, int[] actual, int numClasses) {
    public Predictions {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(
                    "predicted and actual differ in length: " + predicted.length + " vs " + actual.length);
        }
    }

    /** The number of scored positions. */
    public int size() {
        return actual.length;
    }
}
