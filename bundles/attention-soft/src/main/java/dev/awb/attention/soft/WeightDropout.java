package dev.awb.attention.soft;

import dev.awb.api.GraphContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.random.impl.DropOut;

/**
 * Inverted dropout of attention weights that acts only in training steps ({@link GraphContext#training()} = 1).
 *
 * <p>The keep mask comes from ND4J's legacy dropout op applied to a tensor of ones filled from the weights'
 * integer shape: that op draws from the seeded global generator afresh at every run, while SameDiff's
 * dynamic-shape uniform op repeats itself (M2.1), and building the ones from the weights' shape rather than from
 * the weights keeps the op, which has no derivative, off the gradient path. The op's output is declared FLOAT
 * whatever its input, hence the casts.
 */
final class WeightDropout {
    private WeightDropout() {
    }

    /** {@code weights} with each entry dropped with probability {@code rate} and the rest scaled by 1/(1 − rate). */
    static SDVariable apply(GraphContext context, String scope, SDVariable weights, double rate) {
        SameDiff sd = context.sd();
        SDVariable ones = sd.fill(sd.shape(weights), DataType.FLOAT, 1.0);
        SDVariable kept = new DropOut(sd, ones, 1.0 - rate).outputVariable().castTo(weights.dataType());
        // 1 + training·(kept/(1 − rate) − 1): the scaled mask while training, exactly 1 otherwise.
        SDVariable mask = kept.div(1.0 - rate).sub(1.0).mul(context.training()).add(1.0);
        return weights.mul(scope + "/dropped_weights", mask);
    }
}
