package dev.awb.pooling.attention;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.pooling.PoolingInputs;
import dev.awb.api.pooling.PoolingOutput;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Attention pooling with a learned query: weights softmax_t(q·tanh(W x_t + b)), pooled vector Σ_t w_t x_t — the
 * word-level attention of Yang et al. 2016 ("Hierarchical Attention Networks for Document Classification"), also
 * the pooling of Lin et al. 2017 with one head. Padded positions get −10⁹ added to their scores, so their weight
 * is exactly 0.
 */
@Component(service = Pooling.class)
@Plugin(kind = Pooling.KIND, name = "attention",
        summary = "Attention pooling with a learned query (Yang et al. 2016)")
public class AttentionPooling implements Pooling {
    private static final double MASKED = -1e9;

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public PoolingOutput pool(GraphContext context, PoolingInputs in, Params params) {
        SameDiff sd = context.sd();
        int width = in.width();
        SDVariable w = context.glorot(in.scope() + "/W", width, width, width, width);
        SDVariable b = context.filled(in.scope() + "/b", 0.0, 1, width);
        SDVariable query = context.glorot(in.scope() + "/query", width, 1, width, 1);
        SDVariable keys = sd.math.tanh(sd.reshape(in.x(), -1, width).mmul(w).add(b));
        SDVariable scores = sd.reshape(keys.mmul(query), -1, in.length());                   // [B, T]
        if (in.paddingMask() != null) {
            scores = scores.add(in.paddingMask().sub(1.0).mul(-MASKED));
        }
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", scores, 1);
        SDVariable pooled = sd.sum(in.x().mul(sd.reshape(weights, -1, in.length(), 1)), 1);  // [B, width]
        return new PoolingOutput(pooled, weights);
    }
}
