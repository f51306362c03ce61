package dev.awb.api.metric;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A metric: one or more named numbers computed from one evaluation of a trial on one split.
 */
@ConsumerType
public interface Metric extends Configurable {
    /** The kind name used in experiment files ({@code metric/NAME}). */
    String KIND = "metric";

    /**
     * Computes this metric.
     *
     * @param evaluation the split's predictions and what else the runtime measured; optional parts may be null
     *     and a metric that needs one returns NaN for its values rather than failing
     * @return values by name (e.g. {@code accuracy}, {@code f1/B-PER}); the runtime stores each under the
     *     evaluation's split and epoch with the name as given, so names are a stable, documented contract
     * @throws dev.awb.api.PluginConfigurationException if the metric cannot apply to this task at all (e.g.
     *     entity F1 on a task without BIO class names)
     */
    Map<String, Double> evaluate(Evaluation evaluation, Params params);

    /**
     * Whether a larger or a smaller value of the key {@code key} (one this metric returns from
     * {@link #evaluate}, e.g. {@code f1_macro} or {@code f1/B-PER}) is better. The runtime asks once per study
     * and records the answer with it; tuning, verdicts and Pareto fronts all use it.
     *
     * @return {@link Direction#HIGHER_IS_BETTER} unless overridden
     * @since 2.1
     */
    default Direction direction(String key) {
        return Direction.HIGHER_IS_BETTER;
    }
}
