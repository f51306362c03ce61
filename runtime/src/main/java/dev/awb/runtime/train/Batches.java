package dev.awb.runtime.train;

import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.TaskSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns rows of a split into the arrays {@link ModelGraph}'s placeholders take: features are tokens, padding
 * mask and, when the task has one, the context; labels are targets and their weights (0 for ignored positions
 * and padding).
 */
public final class Batches {
    private final Examples examples;
    private final TaskSpec task;
    private final DataType type;

    public Batches(Examples examples, TaskSpec task, DataType type) {
        this.examples = examples;
        this.task = task;
        this.type = type;
    }

    /** The examples at {@code rows}, in that order. */
    public MultiDataSet batch(int[] rows) {
        int length = task.length();
        int targets = task.target() == TaskSpec.Target.TOKEN ? length : 1;
        int[][] tokens = new int[rows.length][];
        float[][] mask = new float[rows.length][length];
        int[][] labels = new int[rows.length][targets];
        float[][] weights = new float[rows.length][targets];
        for (int r = 0; r < rows.length; r++) {
            int row = rows[r];
            tokens[r] = examples.tokens()[row];
            for (int t = 0; t < examples.lengths()[row]; t++) {
                mask[r][t] = 1f;
            }
            for (int t = 0; t < targets; t++) {
                int target = examples.targets()[row][t];
                boolean scored = target != Examples.IGNORE && (targets == 1 || mask[r][t] > 0);
                labels[r][t] = scored ? target : 0;
                weights[r][t] = scored ? 1f : 0f;
            }
        }
        INDArray[] features = task.hasContext()
                ? new INDArray[] {Nd4j.createFromArray(tokens), Nd4j.createFromArray(mask).castTo(type), context(rows)}
                : new INDArray[] {Nd4j.createFromArray(tokens), Nd4j.createFromArray(mask).castTo(type)};
        INDArray[] labelArrays = {Nd4j.createFromArray(labels), Nd4j.createFromArray(weights).castTo(type)};
        return new MultiDataSet(features, labelArrays);
    }

    private INDArray context(int[] rows) {
        if (examples.context() == null) {
            throw new IllegalStateException("the task declares a context of length " + task.contextLength()
                    + " but its examples carry none");
        }
        int[][] context = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            context[r] = examples.context()[rows[r]];
        }
        return Nd4j.createFromArray(context);
    }

    /** The number of scored positions in {@code rows}, for tokens/s. */
    public long tokens(int[] rows) {
        long n = 0;
        for (int row : rows) {
            n += examples.lengths()[row];
        }
        return n;
    }
}
