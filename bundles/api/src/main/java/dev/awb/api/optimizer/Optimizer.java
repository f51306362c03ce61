package dev.awb.api.optimizer;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import org.nd4j.linalg.learning.config.IUpdater;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optimizer: an update rule for the trainable weights, expressed as an ND4J updater configuration.
 */
@ConsumerType
public interface Optimizer extends Configurable {
    /** The kind name used in experiment files ({@code optimizer/NAME}). */
    String KIND = "optimizer";

    /** The ND4J updater for these parameters; a new instance per call. */
    IUpdater updater(Params params);
}
