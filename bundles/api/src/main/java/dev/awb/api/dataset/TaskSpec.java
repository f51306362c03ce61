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
 * @param contextLength the number of context tokens each example carries besides its sequence (see
 *     {@link Examples#context()}), 0 when the task has no context
 */
public record TaskSpec(int vocabSize, int numClasses, int length, Target target, List<String> classNames,
        int contextLength) {

    public TaskSpec {
        Objects.requireNonNull(target, "target");
        classNames = List.copyOf(classNames);
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(
                    "class names must name all " + numClasses + " classes, found " + classNames.size());
        }
        if (contextLength < 0) {
            throw new IllegalArgumentException("contextLength must not be negative, found " + contextLength);
        }
    }

    /** A task whose classes have no names and whose examples carry no context. */
    public TaskSpec(int vocabSize, int numClasses, int length, Target target) {
        this(vocabSize, numClasses, length, target, List.of(), 0);
    }

    /** A task with named classes and no context. */
    public TaskSpec(int vocabSize, int numClasses, int length, Target target, List<String> classNames) {
        this(vocabSize, numClasses, length, target, classNames, 0);
    }

    /** A task with unnamed classes whose examples carry {@code contextLength} context tokens. */
    public TaskSpec(int vocabSize, int numClasses, int length, Target target, int contextLength) {
        this(vocabSize, numClasses, length, target, List.of(), contextLength);
    }

    /** The name of class {@code index}: its name when the task has names, its index otherwise. */
    public String className(int index) {
        return classNames.isEmpty() ? Integer.toString(index) : classNames.get(index);
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
