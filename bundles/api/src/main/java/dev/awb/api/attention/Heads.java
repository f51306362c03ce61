package dev.awb.api.attention;

import dev.awb.api.GraphContext;
import dev.awb.api.PluginConfigurationException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Building blocks shared by multi-head attention mechanisms: learned projections and the reshapes between
 * the model's [batch, length, width] layout and the per-head [batch, heads, length, head width] layout.
 */
public final class Heads {
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

    /** [batch·length, width] (or [batch, length, width]) → [batch, heads, length, head width]. */
    public static SDVariable split(SameDiff sd, SDVariable x, int length, int heads, int headWidth) {
        return sd.permute(sd.reshape(x, -1, length, heads, headWidth), 0, 2, 1, 3);
    }

    /** [batch, heads, length, head width] → [batch·length, width]. */
    public static SDVariable merge(SameDiff sd, SDVariable x, int width) {
        return sd.reshape(sd.permute(x, 0, 2, 1, 3), -1, width);
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
