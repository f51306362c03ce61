package dev.awb.attention.soft;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
import dev.awb.api.attention.Heads;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Multi-head scaled dot-product softmax attention (Vaswani et al. 2017, "Attention Is All You Need", §3.2).
 *
 * <p>Written from matmul, softmax, reshape and permute rather than ND4J's built-in attention ops, which
 * are slower on CPU and want a [batch, features, time] layout. Padding and causal masks add −10⁹ to the
 * masked logits, which leaves the softmax of the unmasked ones exactly unchanged.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "soft",
        summary = "Multi-head scaled dot-product softmax attention (Vaswani et al. 2017)")
public class ScaledDotProductAttention implements AttentionMechanism {
    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt("heads", 4, "Number of attention heads; must divide the model width").range(1, 1024));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        int headWidth = in.width() / heads;
        SDVariable logits = Heads.maskLogits(context, in, Heads.scaledDotProduct(sd, qkv, headWidth));
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", logits, -1);
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }
}
