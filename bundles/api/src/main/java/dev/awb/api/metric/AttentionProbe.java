package dev.awb.api.metric;

import java.util.List;
import java.util.Objects;

/**
 * The attention weights of a fixed probe batch at one point in training: the same examples every time, so that
 * two probes can be compared.
 *
 * <p>The runtime's probe batch is the first examples of the validation split. Layer {@code l}'s array is
 * {@code [example][head][query][key]}; mechanisms without heads have one. Only queries and keys below an
 * example's length are meaningful; weights of padded keys are 0 and rows of padded queries are to be ignored.
 * Each meaningful row sums to 1.
 *
 * @param epoch completed training epochs when captured, 0 before training
 * @param lengths the real length of each probe example
 * @param layers the weights of each attention layer, in layer order
 */
public record AttentionProbe(int epoch, int[] lengths, List<double[][][][]> layers) {
    public AttentionProbe {
        Objects.requireNonNull(lengths, "lengths");
        layers = List.copyOf(layers);
        for (double[][][][] layer : layers) {
            if (layer.length != lengths.length) {
                throw new IllegalArgumentException(
                        "every layer needs one entry per probe example (" + lengths.length + "), found " + layer.length);
            }
        }
    }
}
