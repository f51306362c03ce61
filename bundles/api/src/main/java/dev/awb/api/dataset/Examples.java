package dev.awb.api.dataset;

import java.util.Objects;

/**
 * One split of a task: token sequences, their lengths and their targets.
 *
 * @param tokens token ids, [examples][length]; positions at or past an example's length are padding
 * @param lengths the number of real tokens of each example
 * @param targets per-position classes [examples][length] for {@link TaskSpec.Target#TOKEN} tasks
 *     ({@link #IGNORE} where nothing is predicted), or [examples][1] for
 *     {@link TaskSpec.Target#SEQUENCE} tasks
 */
public record Examples(int[][] tokens, int[] lengths, int[][] targets) {
    /** Target value of a position that is not scored. */
    public static final int IGNORE = -1;

    public Examples {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(lengths, "lengths");
        Objects.requireNonNull(targets, "targets");
        if (tokens.length != lengths.length || tokens.length != targets.length) {
            throw new IllegalArgumentException("tokens, lengths and targets must have one row per example, found "
                    + tokens.length + ", " + lengths.length + ", " + targets.length);
        }
    }

    /** The number of examples. */
    public int size() {
        return tokens.length;
    }
}
