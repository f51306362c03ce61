package {{package}};

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
import dev.awb.api.support.attention.Heads;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * {{summary}}
 *
 * <p>Generated from the awb attention template: multi-head attention with learned query, key, value and output
 * projections, scores QKᵀ/(τ·√d_h) and a softmax over the keys. Change {@link #scores} (and, if you like, the
 * normalisation in {@link #attend}) to make it your variant; the contract tests in {@code {{className}}Tests} tell
 * you whether shapes, masks, gradients, determinism and saving still hold.
 *
 * <p>Padding and causal masks are applied by {@link Heads#maskLogits}, which adds −10⁹ to masked logits: after a
 * softmax they get exactly zero weight. A normalisation other than softmax must give masked keys zero weight
 * itself.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "{{name}}", summary = "{{summary}}")
public class {{className}} implements AttentionMechanism {

    /** Every parameter has a type, a default, a one-sentence description and, for numbers, a valid range. */
    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofDouble("temperature", 1.0, "Divides the scores before the softmax; below 1 sharpens the weights")
                    .range(0.01, 100));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        double temperature = params.getDouble("temperature");
        if (temperature <= 0) {
            throw new PluginConfigurationException("temperature", "temperature must be positive, found " + temperature);
        }
        // Learned projections under in.scope(), split into heads: each [batch, heads, length, head width].
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        SDVariable logits = Heads.maskLogits(context, in, scores(sd, qkv, in.width() / heads, temperature));
        // The weights, [batch, heads, length, length], rows summing to 1: returned so that attention maps and
        // attention metrics can read them.
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", logits, -1);
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }

    /** The scores of every query against every key, [batch, heads, length, length], before masking. */
    private static SDVariable scores(SameDiff sd, Heads.QueryKeyValue qkv, int headWidth, double temperature) {
        return Heads.scaledDotProduct(sd, qkv, headWidth).div(temperature);
    }
}
