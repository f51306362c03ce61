package dev.awb.api.dataset;

/**
 * The shape of a task: what a model must accept and produce.
 *
 * @param vocabSize number of token ids, ids are in [0, vocabSize)
 * @param numClasses number of target classes, targets are in [0, numClasses)
 * @param length sequence length (shorter sequences are padded up to it)
 * @param target whether there is one target per sequence or one per position
 * @param contextLength the number of context tokens each example carries besides its sequence (see
 *     {@link Examples#context()}), 0 when the task has no context
 */
public record TaskSpec(int vocabSize, int numClasses, int length, Target target, int contextLength) {

    /** A task without context. */
    public TaskSpec(int vocabSize, int numClasses, int length, Target target) {
        this(vocabSize, numClasses, length, target, 0);
    }

    public TaskSpec {
        if (contextLength < 0) {
            throw new IllegalArgumentException("contextLength must not be negative, found " + contextLength);
        }
    }

    /** Whether examples carry a context. */
    public boolean hasContext() {
        return contextLength > 0;
    }

    /** Where targets sit. */
    public enum Target {
        /** One class per sequence (classification); models pool over positions. */
        SEQUENCE,
        /** One class per position, with ignored positions marked {@link Examples#IGNORE}. */
        TOKEN
    }
}
