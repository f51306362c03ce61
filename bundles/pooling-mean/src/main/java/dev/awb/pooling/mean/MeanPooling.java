package dev.awb.pooling.mean;

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
 * Masked mean pooling: the average of the real (unpadded) positions, each with weight 1 / (number of real positions).
 * No weights to train; the usual baseline for attention pooling.
 */
@Component(service = Pooling.class)
@Plugin(kind = Pooling.KIND, name = "mean", summary = "Mean over the real (unpadded) positions")
public class MeanPooling implements Pooling {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public PoolingOutput pool(GraphContext context, PoolingInputs in, Params params) {
        SameDiff sd = context.sd();
        SDVariable mask = in.paddingMask() != null ? in.paddingMask()
                : sd.onesLike(sd.sum(in.x(), 2));                                    // [B, T]
        SDVariable weights = mask.div(in.scope() + "/weights", sd.sum(mask, true, 1));  // [B, T]
        SDVariable pooled = sd.sum(in.x().mul(sd.reshape(weights, -1, in.length(), 1)), 1);
        return new PoolingOutput(pooled, weights);
    }
}
