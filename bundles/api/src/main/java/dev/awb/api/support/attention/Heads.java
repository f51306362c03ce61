package dev.awb.api.support.attention;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Building blocks shared by multi-head attention mechanisms: learned projections and the reshapes between
 * the model's [batch, length, width] layout and the per-head [batch, heads, length, head width] layout.
 */
public final class Heads {
    private static final double MASKED = -1e9;

    /** The {@code heads} parameter multi-head mechanisms declare: default 4, checked by {@link #headWidth}. */
    public static final ParamSpec PARAM =
            ParamSpec.ofInt("heads", 4, "Number of attention heads; must divide the model width").range(1, 1024);

    private Heads() {
    }

    /**
     * The width of one head.
     *
     * @throws PluginConfigurationException naming {@code heads} when it does not divide {@code width}
     */
    public static int headWidth(int heads, int width) {
        if (heads < 1 || width % heads != 0) {
            throw new PluginConfigurationException("heads",
                    "heads must divide the model width (" + width + "), found " + heads);
        }
        return width / heads;
    }

    /** x·W + b with a learned [width, width] W under {@code name}; returns [batch·length, width]. */
    public static SDVariable project(GraphContext context, String name, SDVariable x, int width) {
        SDVariable w = context.glorot(name + "/W", width, width, width, width);
        SDVariable b = context.filled(name + "/b", 0.0, 1, width);
        return context.sd().reshape(x, -1, width).mmul(w).add(b);
    }

    /** Per-head queries, keys and values, each [batch, heads, length, head width]. */
    public record QueryKeyValue(SDVariable query, SDVariable key, SDVariable value) {
    }

    /**
     * Projects the inputs' query, key and value with learned weights ({@code SCOPE/q}, {@code /k}, {@code /v})
     * and splits them into {@code heads} heads.
     *
     * @throws PluginConfigurationException naming {@code heads} when it does not divide the width
     */
    public static QueryKeyValue projectQueryKeyValue(GraphContext context, AttentionInputs in, int heads) {
        int headWidth = headWidth(heads, in.width());
        SameDiff sd = context.sd();
        return new QueryKeyValue(
                split(sd, project(context, in.scope() + "/q", in.query(), in.width()), in.length(), heads, headWidth),
                split(sd, project(context, in.scope() + "/k", in.key(), in.width()), in.length(), heads, headWidth),
                split(sd, project(context, in.scope() + "/v", in.value(), in.width()), in.length(), heads, headWidth));
    }

    /**
     * Merges per-head attended values [batch, heads, length, head width] and applies the learned output
     * projection {@code SCOPE/o}; returns {@code SCOPE/out}, [batch, length, width].
     */
    public static SDVariable output(GraphContext context, AttentionInputs in, SDVariable attended) {
        SameDiff sd = context.sd();
        SDVariable out = project(context, in.scope() + "/o", merge(sd, attended, in.width()), in.width());
        return sd.reshape(in.scope() + "/out", out, -1, in.length(), in.width());
    }

    /** [batch·length, width] (or [batch, length, width]) → [batch, heads, length, head width]. */
    public static SDVariable split(SameDiff sd, SDVariable x, int length, int heads, int headWidth) {
        return sd.permute(sd.reshape(x, -1, length, heads, headWidth), 0, 2, 1, 3);
    }

    /** [batch, heads, length, head width] → [batch·length, width]. */
    public static SDVariable merge(SameDiff sd, SDVariable x, int width) {
        return sd.reshape(sd.permute(x, 0, 2, 1, 3), -1, width);
    }

    /**
     * Adds −10⁹ to the [batch, heads, length, length] logits of padded keys and, under the causal mask, of later
     * positions; the softmax (or argmax) of the unmasked logits is exactly unchanged.
     */
    public static SDVariable maskLogits(GraphContext context, AttentionInputs in, SDVariable logits) {
        SameDiff sd = context.sd();
        int t = in.length();
        if (in.paddingMask() != null) {
            SDVariable keys = sd.reshape(in.paddingMask(), -1, 1, 1, t);
            logits = logits.add(keys.sub(1.0).mul(-MASKED));
        }
        if (in.causal()) {
            SDVariable allowed = lowerTriangle(context, in.scope() + "/causal", t);
            logits = logits.add(allowed.sub(1.0).mul(-MASKED));
        }
        return logits;
    }

    /** Scaled dot-product scores QKᵀ/√(head width), [batch, heads, length, length], before any mask. */
    public static SDVariable scaledDotProduct(SameDiff sd, QueryKeyValue qkv, int headWidth) {
        return sd.mmul(qkv.query(), qkv.key(), false, true, false).mul(1.0 / Math.sqrt(headWidth));
    }

    /** A [1, 1, length, length] constant that is 1 on and below the diagonal and 0 above it. */
    public static SDVariable lowerTriangle(GraphContext context, String name, int length) {
        double[] values = new double[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j <= i; j++) {
                values[i * length + j] = 1.0;
            }
        }
        return context.constant(name, values, 1, 1, length, length);
    }
}
