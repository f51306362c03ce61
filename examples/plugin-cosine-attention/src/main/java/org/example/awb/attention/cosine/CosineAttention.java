package org.example.awb.attention.cosine;

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
 * Cosine-similarity attention: multi-head softmax attention whose scores are the cosine similarities of queries and
 * keys times a learned scale per head, softmax(s_h · cos(q_i, k_j)) (Henry et al. 2020, "Query-Key Normalization
 * for Transformers"; Liu et al. 2022, "Swin Transformer V2", §3.2).
 *
 * <p>Cosines are bounded in [−1, 1], so no query–key pair can dominate through the size of its vectors alone, and
 * the sharpness of each head's weights is a parameter of its own: the scale s_h = exp(ℓ_h), learned as a log so it
 * stays positive, starting at {@code initial_scale}. With {@code learn_scale: false} the scale stays fixed.
 *
 * <p>Written from the awb attention template: only {@link #scores} differs from scaled dot-product attention.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "cosine",
        summary = "Cosine-similarity attention: softmax(s·cos(q, k)) with a learned scale s per head (Henry et al. 2020; Liu et al. 2022)")
public class CosineAttention implements AttentionMechanism {
    /** Added under the square root of the squared norms, so that a zero vector has cosine 0, not NaN. */
    private static final double EPSILON = 1e-12;

    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofDouble("initial_scale", 10.0, "Starting value of each head's scale s in softmax(s·cos(q, k))")
                    .range(0.1, 1000),
            ParamSpec.ofBoolean("learn_scale", true, "Whether the scale is learned per head (else fixed at initial_scale)"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        SDVariable logits = Heads.maskLogits(context, in, scores(context, in, qkv, heads, params));
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", logits, -1);
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }

    /** s_h · cos(q_i, k_j) for every head, query and key, [batch, heads, length, length], before masking. */
    private static SDVariable scores(GraphContext context, AttentionInputs in, Heads.QueryKeyValue qkv, int heads,
            Params params) {
        SameDiff sd = context.sd();
        SDVariable cosines = sd.mmul(unit(sd, qkv.query()), unit(sd, qkv.key()), false, true, false);
        double logScale = Math.log(params.getDouble("initial_scale"));
        SDVariable log = params.getBoolean("learn_scale")
                ? context.filled(in.scope() + "/log_scale", logScale, 1, heads, 1, 1)
                : context.constant(in.scope() + "/log_scale", constantOf(logScale, heads), 1, heads, 1, 1);
        return cosines.mul(sd.math.exp(log));
    }

    /** x / ‖x‖ along the head width (axis 3 of [batch, heads, length, head width]). */
    private static SDVariable unit(SameDiff sd, SDVariable x) {
        // Axis 3, not -1: the contract's mask tests caught that this reduction with keepDims over axis -1 mixed
        // positions in ND4J 1.0.0-M2.1.
        SDVariable norm = sd.math.sqrt(sd.sum(x.mul(x), true, 3).add(EPSILON));
        return x.div(norm);
    }

    private static double[] constantOf(double value, int count) {
        double[] values = new double[count];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
