package dev.awb.api.dataset;

/**
 * The shape of a task: what a model must accept and produce.
 *
 * @param vocabSize number of token ids, ids are in [0, vocabSize)
 * @param numClasses number of target classes, targets are in [0, numClasses)
 * @param length sequence length (shorter sequences are padded up to it)
 * @param target whether there is one target per sequence or one per position
 */
public record TaskSpec(int vocabSize, int numClasses, int length, Target target) {

    /** Where targets sit. */
    public enum Target {
        /** One class per sequence (classification); models pool over positions. */
        SEQUENCE,
        /** One class per position, with ignored positions marked {@link Examples#IGNORE}. */
        TOKEN
    }
}
