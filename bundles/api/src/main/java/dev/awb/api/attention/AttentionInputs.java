package dev.awb.api.attention;

import java.util.Map;
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
 * @param signals external interaction signals wired to the attention node in the experiment graph, by source
 *     name (e.g. {@code context} for the dataset's context, or a pooling node's name), each
 *     [batch, signal length, width]; empty when none is wired. Mechanisms that do not use signals ignore them.
 */
public record AttentionInputs(String scope, SDVariable query, SDVariable key, SDVariable value,
        SDVariable paddingMask, boolean causal, int length, int width, boolean weightsWanted,
        Map<String, SDVariable> signals) {

    /**
     * The parameter name a mechanism gives a {@link dev.awb.api.PluginConfigurationException} about missing or
     * unusable {@link #signals()}: they come from the attention node's {@code inputs:}, and the runtime reports
     * the problem there.
     */
    public static final String SIGNALS = "inputs";

    public AttentionInputs {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        signals = Map.copyOf(signals);
    }

    /** Self-attention: query, key and value are all {@code x}; weights only where they come for free; no signals. */
    public static AttentionInputs self(String scope, SDVariable x, SDVariable paddingMask, boolean causal,
            int length, int width) {
        return new AttentionInputs(scope, x, x, x, paddingMask, causal, length, width, false, Map.of());
    }

    /** These inputs, asking for the attention weights (for attention maps and contract tests). */
    public AttentionInputs withWeights() {
        return new AttentionInputs(scope, query, key, value, paddingMask, causal, length, width, true, signals);
    }

    /** These inputs with {@code signals} instead of their own. */
    public AttentionInputs withSignals(Map<String, SDVariable> signals) {
        return new AttentionInputs(scope, query, key, value, paddingMask, causal, length, width, weightsWanted,
                signals);
    }
}
