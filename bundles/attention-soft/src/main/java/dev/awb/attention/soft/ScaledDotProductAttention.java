package dev.awb.attention.soft;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
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
    private static final double MASKED = -1e9;

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt("heads", 4, "Number of attention heads; must divide the model width").range(1, 1024));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        int width = in.width();
        if (width % heads != 0) {
            throw new PluginConfigurationException("heads",
                    "heads must divide the model width (" + width + "), found " + heads);
        }
        SameDiff sd = context.sd();
        String scope = in.scope();
        int headWidth = width / heads;
        SDVariable q = splitHeads(sd, project(context, scope + "/q", in.query(), width), in.length(), heads, headWidth);
        SDVariable k = splitHeads(sd, project(context, scope + "/k", in.key(), width), in.length(), heads, headWidth);
        SDVariable v = splitHeads(sd, project(context, scope + "/v", in.value(), width), in.length(), heads, headWidth);

        SDVariable logits = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headWidth));
        logits = mask(context, in, logits);
        SDVariable weights = sd.nn.softmax(scope + "/weights", logits, -1);

        SDVariable attended = sd.mmul(weights, v);
        SDVariable merged = sd.reshape(sd.permute(attended, 0, 2, 1, 3), -1, width);
        SDVariable out = project(context, scope + "/o", merged, width);
        return new AttentionOutput(sd.reshape(scope + "/out", out, -1, in.length(), width), weights);
    }

    /** x·W + b over the last dimension; returns [batch·length, width]. */
    private static SDVariable project(GraphContext context, String name, SDVariable x, int width) {
        SDVariable w = context.glorot(name + "/W", width, width, width, width);
        SDVariable b = context.filled(name + "/b", 0.0, 1, width);
        return context.sd().reshape(x, -1, width).mmul(w).add(b);
    }

    /** [batch·length, width] → [batch, heads, length, head width]. */
    private static SDVariable splitHeads(SameDiff sd, SDVariable x, int length, int heads, int headWidth) {
        return sd.permute(sd.reshape(x, -1, length, heads, headWidth), 0, 2, 1, 3);
    }

    private static SDVariable mask(GraphContext context, AttentionInputs in, SDVariable logits) {
        SameDiff sd = context.sd();
        int t = in.length();
        if (in.paddingMask() != null) {
            SDVariable keys = sd.reshape(in.paddingMask(), -1, 1, 1, t);
            logits = logits.add(keys.sub(1.0).mul(-MASKED));
        }
        if (in.causal()) {
            double[] future = new double[t * t];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    future[i * t + j] = MASKED;
                }
            }
            logits = logits.add(context.constant(in.scope() + "/causal", future, 1, 1, t, t));
        }
        return logits;
    }
}
