package dev.awb.api.optimizer;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optimizer: an update rule for the trainable weights with its learning-rate schedule, weight decay and
 * gradient clipping, expressed as ND4J training configuration.
 *
 * <p>The runtime calls {@link #configure} once per trial, after the data is known and before the first step,
 * and installs the result for the whole run.
 */
@ConsumerType
public interface Optimizer extends Configurable {
    /** The kind name used in experiment files ({@code optimizer/NAME}). */
    String KIND = "optimizer";

    /**
     * The training configuration for these parameters and this run length; new objects on every call.
     *
     * @param budget how many steps the run takes, for schedules expressed in epochs or over the whole run
     * @throws dev.awb.api.PluginConfigurationException if a parameter cannot work with this budget (e.g. a
     *     warmup longer than the run)
     */
    OptimizerSetup configure(Params params, TrainingBudget budget);
}
