package dev.awb.api.dataset;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a task: what a model must accept and produce.
 *
 * @param vocabSize number of token ids, ids are in [0, vocabSize)
 * @param numClasses number of target classes, targets are in [0, numClasses)
 * @param length sequence length (shorter sequences are padded up to it)
 * @param target whether there is one target per sequence or one per position
 * @param classNames the name of each class in class order (e.g. the BIO tags {@code O}, {@code B-PER}, ... of a
 *     tagging task), or empty when the classes have no names; metrics then name classes by their index
 */
public record TaskSpec(int vocabSize, int numClasses, int length, Target target, List<String> classNames) {

    public TaskSpec {
        Objects.requireNonNull(target, "target");
        classNames = List.copyOf(classNames);
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(
                    "class names must name all " + numClasses + " classes, found " + classNames.size());
        }
    }

    /** A task whose classes have no names. */
    public TaskSpec(int vocabSize, int numClasses, int length, Target target) {
        this(vocabSize, numClasses, length, target, List.of());
    }

    /** The name of class {@code index}: its name when the task has names, its index otherwise. */
    public String className(int index) {
        return classNames.isEmpty() ? Integer.toString(index) : classNames.get(index);
    }

    /** Where targets sit. */
    public enum Target {
        /** One class per sequence (classification); models pool over positions. */
        SEQUENCE,
        /** One class per position, with ignored positions marked {@link Examples#IGNORE}. */
        TOKEN
    }
}
