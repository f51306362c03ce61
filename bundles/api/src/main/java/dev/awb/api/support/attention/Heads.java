package dev.awb.api.support.attention;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

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
     * Like {@link #projectQueryKeyValue}, but for self-attention (query, key and value are one variable) the three
     * projections are one [width, 3·width] matrix product: weight {@code SCOPE/qkv/W}, whose column blocks are the
     * query, key and value weights, each initialised exactly as {@code SCOPE/q/W}, {@code /k/W}, {@code /v/W} would
     * be, and bias {@code SCOPE/qkv/b}; one reshape, one permute and one unstack then give the per-head views. A
     * training step runs 3 forward ops here where three projections and splits ran 15 (SameDiff's per-op cost
     * dominates at these sizes, issue 14). Mechanisms whose tests look at the query and key weights apart from the
     * value weights (hard attention: a forward that is flat in them) keep {@link #projectQueryKeyValue}.
     *
     * @throws PluginConfigurationException naming {@code heads} when it does not divide the width
     */
    public static QueryKeyValue projectFused(GraphContext context, AttentionInputs in, int heads) {
        int headWidth = headWidth(heads, in.width());
        if (in.query() != in.key() || in.key() != in.value()) {
            return projectQueryKeyValue(context, in, heads);
        }
        return projectSelf(context, in, heads, headWidth);
    }

    /** x·[W_q W_k W_v] + [b_q b_k b_v] → [3, batch, heads, length, head width], unstacked into q, k and v. */
    private static QueryKeyValue projectSelf(GraphContext context, AttentionInputs in, int heads, int headWidth) {
        SameDiff sd = context.sd();
        int width = in.width();
        String[] parts = {"/q/W", "/k/W", "/v/W"};
        double limit = Math.sqrt(6.0 / (width + width));
        double[] values = new double[width * 3 * width];
        for (int part = 0; part < 3; part++) {
            // The same stream, in the same order, as context.glorot(SCOPE/q/W, ...) of a [width, width] projection.
            SplittableRandom random = context.randomFor(in.scope() + parts[part]);
            for (int row = 0; row < width; row++) {
                for (int column = 0; column < width; column++) {
                    values[row * 3 * width + part * width + column] = (random.nextDouble() * 2 - 1) * limit;
                }
            }
        }
        SDVariable w = sd.var(in.scope() + "/qkv/W",
                Nd4j.createFromArray(values).castTo(context.dataType()).reshape(width, 3L * width));
        SDVariable b = context.filled(in.scope() + "/qkv/b", 0.0, 1, 3L * width);
        SDVariable projected = sd.reshape(in.query(), -1, width).mmul(w).add(b);
        SDVariable perHead = sd.permute(sd.reshape(projected, -1, in.length(), 3, heads, headWidth), 2, 0, 3, 1, 4);
        SDVariable[] split = sd.unstack(perHead, 0, 3);
        return new QueryKeyValue(split[0], split[1], split[2]);
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
