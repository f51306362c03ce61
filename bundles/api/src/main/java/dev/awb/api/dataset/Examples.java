package dev.awb.api.dataset;

import java.util.Objects;

/**
 * One split of a task: token sequences, their lengths and their targets, and optionally a context per example.
 *
 * @param tokens token ids in [0, {@link TaskSpec#vocabSize()}), [examples][{@link TaskSpec#length()}]; positions at or
 *     past an example's length are padding and hold {@link #PAD}
 * @param lengths the number of real tokens of each example, in [1, {@link TaskSpec#length()}]
 * @param targets classes in [0, {@link TaskSpec#numClasses()}) or {@link #IGNORE}: per position,
 *     [examples][length], for {@link TaskSpec.Target#TOKEN} tasks ({@link #IGNORE} where nothing is predicted; targets
 *     at padding positions are never scored), or [examples][1] for {@link TaskSpec.Target#SEQUENCE} tasks
 * @param context token ids, [examples][{@link TaskSpec#contextLength()}], of the same vocabulary as
 *     {@code tokens}: side information about each example (the environment an interactive attention mechanism
 *     conditions on, e.g. the keys an MQAR example asks about); null when the task has no context
 */
public record Examples(int[][] tokens, int[] lengths, int[][] targets, int[][] context) {
    /** Target value of a position that is not scored. */
    public static final int IGNORE = -1;

    /**
     * Token id of padding: every position at or past an example's length holds it, and no real token uses it (models
     * see the length as a mask; the id keeps padded rows comparable and their embeddings unused).
     */
    public static final int PAD = 0;

    /** Examples without context. */
    public Examples(int[][] tokens, int[] lengths, int[][] targets) {
        this(tokens, lengths, targets, null);
    }

    public Examples {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(lengths, "lengths");
        Objects.requireNonNull(targets, "targets");
        if (tokens.length != lengths.length || tokens.length != targets.length
                || (context != null && context.length != tokens.length)) {
            throw new IllegalArgumentException("tokens, lengths, targets (and context) must have one row per example, "
                    + "found " + tokens.length + ", " + lengths.length + ", " + targets.length
                    + (context == null ? "" : ", " + context.length));
        }
    }

    /** The number of examples. */
    public int size() {
        return tokens.length;
    }
}
