package dev.awb.api;

import org.nd4j.autodiff.samediff.SDVariable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An extra term of the training objective that a plugin derives from the task's per-example loss, such as the
 * score-function surrogate of REINFORCE (Williams 1992), which needs the downstream loss as its reward.
 *
 * <p>Registered with {@link GraphContext#addLossTerm}; whoever builds the loss (the runtime, the test kit) calls
 * every registered term once the task loss exists and adds the returned scalars to the objective that is
 * differentiated. The reported loss stays the task loss.
 */
@ConsumerType
@FunctionalInterface
public interface LossTerm {
    /**
     * The extra term.
     *
     * @param perExampleLoss the task loss of each example, shape [batch]; a term that uses it as a reward should
     *     not differentiate through it
     * @return a scalar to add to the training objective
     */
    SDVariable term(SDVariable perExampleLoss);
}
