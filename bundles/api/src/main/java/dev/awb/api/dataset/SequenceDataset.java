package dev.awb.api.dataset;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task made of token sequences and their targets.
 *
 * <p>Implementations are stateless definitions; {@link #generate} must be a pure function of its
 * arguments so that a trial can be reproduced from its seed.
 */
@ConsumerType
public interface SequenceDataset extends Configurable {
    /** The kind name used in experiment files ({@code dataset/NAME}). */
    String KIND = "dataset";

    /**
     * The shape of the task for these parameters, without producing any data; models are built from it.
     *
     * @throws dev.awb.api.PluginConfigurationException if the parameters contradict each other
     */
    TaskSpec spec(Params params);

    /** The train, validation and test splits for these parameters and this seed. */
    TaskData generate(Params params, long seed);
}
