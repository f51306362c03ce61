package dev.awb.attention.soft;

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
 * Multi-head softmax attention (Vaswani et al. 2017, "Attention Is All You Need", §3.2) with scaled dot-product
 * scores QKᵀ/√d_h ({@code scoring: dot}, the default) or additive scores vᵀ tanh(W_q q + W_k k) ({@code scoring:
 * additive}; Bahdanau, Cho &amp; Bengio 2015, "Neural Machine Translation by Jointly Learning to Align and
 * Translate"), where W_q and W_k are the per-head query and key projections and v a learned vector per head.
 * Additive scoring materialises a [batch, heads, length, length, head width] tensor: O(n²·d) memory.
 *
 * <p>Written from matmul, softmax, reshape and permute rather than ND4J's built-in attention ops, which
 * are slower on CPU and want a [batch, features, time] layout. Padding and causal masks add −10⁹ to the
 * masked logits, which leaves the softmax of the unmasked ones exactly unchanged.
 *
 * <p>{@code dropout} (Srivastava et al. 2014) zeroes each attention weight with that probability and scales the
 * rest by 1/(1 − p), during training steps only. SameDiff 1.0.0-M2.1 itself has no training mode; the mask is
 * switched by {@link GraphContext#training()}, which a graph listener sets to 1 only inside {@code fit} steps (and
 * SameDiff's own gradient calculations), so evaluation and attention maps see the undropped weights. The returned
 * weights are always the undropped ones.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "soft",
        summary = "Multi-head softmax attention, dot-product (Vaswani et al. 2017) or additive (Bahdanau et al. 2015) scoring")
public class ScaledDotProductAttention implements AttentionMechanism {
    static final String DOT = "dot";
    static final String ADDITIVE = "additive";

    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofChoice("scoring", DOT, "Score function: scaled dot product, or additive vᵀtanh(W_q q + W_k k)",
                    DOT, ADDITIVE),
            ParamSpec.ofDouble("dropout", 0.0, "Probability of dropping each attention weight in training steps")
                    .range(0, 0.95));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectFused(context, in, heads);
        SameDiff sd = context.sd();
        int headWidth = in.width() / heads;
        SDVariable scores = ADDITIVE.equals(params.getString("scoring"))
                ? additive(context, in, qkv, heads, headWidth)
                : Heads.scaledDotProduct(sd, qkv, headWidth);
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", Heads.maskLogits(context, in, scores), -1);
        double dropout = params.getDouble("dropout");
        SDVariable used = dropout > 0 ? WeightDropout.apply(context, in.scope(), weights, dropout) : weights;
        return new AttentionOutput(Heads.output(context, in, sd.mmul(used, qkv.value())), weights);
    }

    /** vₕᵀ tanh(qᵢ + kⱼ) for every head h and pair (i, j), [batch, heads, length, length]. */
    private static SDVariable additive(GraphContext context, AttentionInputs in, Heads.QueryKeyValue qkv, int heads,
            int headWidth) {
        SameDiff sd = context.sd();
        int t = in.length();
        SDVariable q = sd.reshape(qkv.query(), -1, heads, t, 1, headWidth);
        SDVariable k = sd.reshape(qkv.key(), -1, heads, 1, t, headWidth);
        SDVariable v = context.glorot(in.scope() + "/additive/v", headWidth, 1, 1, heads, 1, 1, headWidth);
        return sd.sum(sd.math.tanh(q.add(k)).mul(v), 4);
    }
}
