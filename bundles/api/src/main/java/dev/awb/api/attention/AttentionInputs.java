package dev.awb.api.attention;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What an attention layer attends over.
 *
 * @param scope unique name prefix for the weights and operations of this layer, e.g. {@code block0/attn}
 * @param query queries, shape [batch, length, width]
 * @param key keys, shape [batch, length, width]
 * @param value values, shape [batch, length, width]
 * @param paddingMask 1 for real tokens and 0 for padding, shape [batch, length]; null when nothing is
 *     padded. Padded keys must receive zero weight.
 * @param causal when true, position i may attend only to positions at most i
 * @param length the (fixed) sequence length
 * @param width the model width (last dimension of query, key and value)
 * @param weightsWanted when true the mechanism must return its (possibly implicit) attention weights, even
 *     where computing them costs extra (linear attention); when false it may return null
 */
public record AttentionInputs(String scope, SDVariable query, SDVariable key, SDVariable value,
        SDVariable paddingMask, boolean causal, int length, int width, boolean weightsWanted) {

    public AttentionInputs {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Self-attention: query, key and value are all {@code x}; weights only where they come for free. */
    public static AttentionInputs self(String scope, SDVariable x, SDVariable paddingMask, boolean causal,
            int length, int width) {
        return new AttentionInputs(scope, x, x, x, paddingMask, causal, length, width, false);
    }

    /** These inputs, asking for the attention weights (for attention maps and contract tests). */
    public AttentionInputs withWeights() {
        return new AttentionInputs(scope, query, key, value, paddingMask, causal, length, width, true);
    }
}
