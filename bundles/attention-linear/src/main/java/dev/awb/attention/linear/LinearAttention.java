package dev.awb.attention.linear;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
import dev.awb.api.support.attention.Heads;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Kernelized linear attention (Katharopoulos et al. 2020, "Transformers are RNNs: Fast Autoregressive
 * Transformers with Linear Attention"): softmax(QKᵀ)V is replaced by φ(Q)(φ(K)ᵀV) / φ(Q)(φ(K)ᵀ1), which costs
 * O(n·d²) instead of O(n²·d) in sequence length n.
 *
 * <p>Feature maps: {@code elu+1} (the paper's, strictly positive, so denominators never vanish) and
 * {@code relu}. The causal form keeps running (prefix) sums of φ(k)vᵀ and φ(k) over positions, O(n·d²) memory.
 * Padded keys are removed by zeroing their features. The attention weights are implicit; when asked for
 * them the mechanism materialises φ(Q)φ(K)ᵀ, normalised per row, which is O(n²) and meant for maps and tests.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "linear",
        summary = "Kernelized linear attention, O(n) in length (Katharopoulos et al. 2020)")
public class LinearAttention implements AttentionMechanism {
    static final String ELU_PLUS_ONE = "elu+1";
    static final String RELU = "relu";

    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofChoice("feature_map", ELU_PLUS_ONE, "Kernel feature map φ applied to queries and keys",
                    ELU_PLUS_ONE, RELU),
            ParamSpec.ofDouble("epsilon", 1e-6, "Added to the normaliser φ(q)·Σφ(k) to keep it away from zero")
                    .range(0, 1));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectFused(context, in, heads);
        int headWidth = in.width() / heads;
        int length = in.length();
        SameDiff sd = context.sd();
        String map = params.getString("feature_map");
        SDVariable q = feature(sd, map, qkv.query());
        SDVariable k = feature(sd, map, qkv.key());
        SDVariable v = qkv.value();
        if (in.paddingMask() != null) {
            k = k.mul(sd.reshape(in.paddingMask(), -1, 1, length, 1));
        }
        SDVariable attended = in.causal()
                ? causal(sd, q, k, v, length, heads, headWidth, params.getDouble("epsilon"))
                : global(sd, q, k, v, params.getDouble("epsilon"));
        SDVariable weights = in.weightsWanted() ? implicitWeights(context, in, q, k, params.getDouble("epsilon")) : null;
        return new AttentionOutput(Heads.output(context, in, attended), weights);
    }

    private static SDVariable feature(SameDiff sd, String map, SDVariable x) {
        return RELU.equals(map) ? sd.nn.relu(x, 0.0) : sd.nn.elu(x).add(1.0);
    }

    /** φ(Q)(φ(K)ᵀV) / (φ(Q)·Σⱼφ(kⱼ) + ε), all positions at once. */
    private static SDVariable global(SameDiff sd, SDVariable q, SDVariable k, SDVariable v, double epsilon) {
        SDVariable kv = sd.mmul(k, v, true, false, false);              // [B, H, dh, dh]
        SDVariable numerator = sd.mmul(q, kv);                          // [B, H, T, dh]
        SDVariable keySum = sd.sum(k, true, 2);                         // [B, H, 1, dh]
        SDVariable denominator = sd.mmul(q, keySum, false, true, false); // [B, H, T, 1]
        return numerator.div(denominator.add(epsilon));
    }

    /** Position i uses only the prefix sums Σⱼ≤ᵢ φ(kⱼ)vⱼᵀ and Σⱼ≤ᵢ φ(kⱼ). */
    private static SDVariable causal(SameDiff sd, SDVariable q, SDVariable k, SDVariable v, int length, int heads,
            int headWidth, double epsilon) {
        SDVariable k5 = sd.reshape(k, -1, heads, length, headWidth, 1);
        SDVariable v5 = sd.reshape(v, -1, heads, length, 1, headWidth);
        SDVariable state = sd.cumsum(sd.mmul(k5, v5), false, false, 2);          // [B, H, T, dh, dh]
        SDVariable q5 = sd.reshape(q, -1, heads, length, 1, headWidth);
        SDVariable numerator = sd.reshape(sd.mmul(q5, state), -1, heads, length, headWidth);
        SDVariable keySums = sd.cumsum(k, false, false, 2);                     // [B, H, T, dh]
        SDVariable denominator = sd.sum(q.mul(keySums), true, 3);               // [B, H, T, 1]
        return numerator.div(denominator.add(epsilon));
    }

    /**
     * φ(Q)φ(K)ᵀ with padded and (under the causal mask) later keys removed, divided by the same normaliser as
     * the values (row sum + ε): exactly the weights the values were averaged with.
     */
    private static SDVariable implicitWeights(GraphContext context, AttentionInputs in, SDVariable q, SDVariable k,
            double epsilon) {
        SameDiff sd = context.sd();
        SDVariable scores = sd.mmul(q, k, false, true, false);
        if (in.causal()) {
            scores = scores.mul(Heads.lowerTriangle(context, in.scope() + "/causal", in.length()));
        }
        return scores.div(in.scope() + "/weights", sd.sum(scores, true, 3).add(epsilon));
    }
}
