package dev.awb.api.metric;

import dev.awb.api.dataset.TaskSpec;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One evaluation of a trial on one split: the scored predictions, flattened over every scored position (ignored
 * positions and padding already removed), and what the runtime measured alongside them.
 *
 * <p>The per-position arrays are parallel, one entry per scored position, in example order and, within an
 * example, in position order. The runtime fills every field; fields marked optional may be null where a caller
 * (a test, another runner) has no such data, and metrics needing them then return NaN. Build one with
 * {@link #of(TaskSpec, int[], int[])} and the {@code with...} methods.
 *
 * @param split the split evaluated, {@code validation} or {@code test}
 * @param epoch the epoch after which this evaluation ran, or null for the final evaluation after training
 * @param task the task's shape, target kind and class names
 * @param predicted the predicted (arg-max) class of each scored position
 * @param actual the true class of each scored position
 * @param example the index within the split of the example each scored position belongs to (non-decreasing)
 * @param position the position within its example of each scored position (0 for sequence targets)
 * @param probabilities optional: the predicted distribution over classes of each scored position,
 *     [positions][numClasses]
 * @param loss optional: the cross-entropy {@code −ln p(actual)} in nats of each scored position
 * @param attention optional: the probe batch's attention weights at this evaluation (null too when the attention
 *     mechanism gives no weights)
 * @param previousAttention optional: the probe's weights at the evaluation before: after epoch {@code e} that is
 *     the probe after epoch {@code e − 1} (before training for {@code e = 1}); at the final evaluation it is
 *     the probe before training, so drift then measures the whole run
 * @param measurements optional: cost measurements up to this evaluation
 */
public record Evaluation(String split, Integer epoch, TaskSpec task, int[] predicted, int[] actual, int[] example,
        int[] position, double[][] probabilities, double[] loss, AttentionProbe attention,
        AttentionProbe previousAttention, Measurements measurements) {

    public Evaluation {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(position, "position");
        int n = actual.length;
        requireLength("predicted", predicted.length, n);
        requireLength("example", example.length, n);
        requireLength("position", position.length, n);
        if (probabilities != null) {
            requireLength("probabilities", probabilities.length, n);
        }
        if (loss != null) {
            requireLength("loss", loss.length, n);
        }
    }

    /**
     * An evaluation of {@code predicted} against {@code actual} on the validation split after training, each
     * position its own example, nothing optional.
     */
    public static Evaluation of(TaskSpec task, int[] predicted, int[] actual) {
        return new Evaluation("validation", null, task, predicted, actual, IntStream.range(0, actual.length).toArray(),
                new int[actual.length], null, null, null, null, null);
    }

    /** This evaluation for {@code split} after {@code epoch} (null: after training). */
    public Evaluation at(String split, Integer epoch) {
        return new Evaluation(split, epoch, task, predicted, actual, example, position, probabilities, loss, attention,
                previousAttention, measurements);
    }

    /** This evaluation with the example and position of each scored position. */
    public Evaluation withSequences(int[] example, int[] position) {
        return new Evaluation(split, epoch, task, predicted, actual, example, position, probabilities, loss, attention,
                previousAttention, measurements);
    }

    /** This evaluation with class probabilities and per-position losses (either may be null). */
    public Evaluation withScores(double[][] probabilities, double[] loss) {
        return new Evaluation(split, epoch, task, predicted, actual, example, position, probabilities, loss, attention,
                previousAttention, measurements);
    }

    /** This evaluation with the probe's attention now and at the evaluation before (either may be null). */
    public Evaluation withAttention(AttentionProbe attention, AttentionProbe previousAttention) {
        return new Evaluation(split, epoch, task, predicted, actual, example, position, probabilities, loss, attention,
                previousAttention, measurements);
    }

    /** This evaluation with cost measurements. */
    public Evaluation withMeasurements(Measurements measurements) {
        return new Evaluation(split, epoch, task, predicted, actual, example, position, probabilities, loss, attention,
                previousAttention, measurements);
    }

    /** The number of scored positions. */
    public int size() {
        return actual.length;
    }

    /** The number of classes. */
    public int numClasses() {
        return task.numClasses();
    }

    private static void requireLength(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(
                    name + " needs one entry per scored position (" + expected + "), found " + length);
        }
    }
}
