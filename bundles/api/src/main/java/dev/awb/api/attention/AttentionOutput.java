package dev.awb.api.attention;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The result of an attention layer.
 *
 * @param values the attended values, shape [batch, length, width]
 * @param weights the attention weights, shape [batch, heads, length, length], each row summing to 1
 *     over unmasked keys; may be null when {@link AttentionInputs#weightsWanted()} is false
 */
public record AttentionOutput(SDVariable values, SDVariable weights) {
    public AttentionOutput {
        Objects.requireNonNull(values, "values");
    }
}
