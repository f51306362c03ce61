package org.example.awb.attention.sigmoid;

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
 * Sigmoid attention: multi-head attention whose weights are element-wise sigmoids of the scaled dot-product scores
 * plus a bias, σ(q·k/√d + b), instead of a softmax over each query's keys (Ramapuram et al. 2024, "Theory, Analysis,
 * and Best Practices for Sigmoid Self-Attention", arXiv:2409.04431).
 *
 * <p>Each weight is a gate of its own in (0, 1): a query's weights need not sum to one, so this mechanism declares
 * {@link #weightsSumToOne} false and the test kit's contract checks its weights for being finite and non-negative
 * instead of summing them. The paper's bias b = −ln n (n the sequence length, §3.2) starts every weight near 1/(1 + n)
 * so that the attended sum keeps the scale of one value at initialisation; {@code bias: zero} drops it.
 *
 * <p>Padded keys and, under the causal mask, later keys get logits −10⁹, whose sigmoid is exactly 0: they receive no
 * weight, as the SPI requires.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "sigmoid",
        summary = "Sigmoid attention: sigmoid(QKᵀ/√d − ln n), weights not normalised per query (Ramapuram et al. 2024)")
public class SigmoidAttention implements AttentionMechanism {
    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofChoice("bias", "log-length", "The bias b added to every score: −ln n for sequence length n "
                    + "(Ramapuram et al. 2024, §3.2), or zero", "log-length", "zero"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        int headWidth = Heads.headWidth(heads, in.width());
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        SDVariable scores = Heads.scaledDotProduct(sd, qkv, headWidth);
        if ("log-length".equals(params.getString("bias"))) {
            scores = scores.sub(Math.log(in.length()));
        }
        SDVariable weights = sd.nn.sigmoid(in.scope() + "/weights", Heads.maskLogits(context, in, scores));
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }

    /** Sigmoid weights are independent gates: a query's weights do not sum to one. */
    @Override
    public boolean weightsSumToOne(Params params) {
        return false;
    }
}
