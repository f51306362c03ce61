package dev.awb.api.metric;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A metric: one or more named numbers computed from a split's predictions.
 */
@ConsumerType
public interface Metric extends Configurable {
    /** The kind name used in experiment files ({@code metric/NAME}). */
    String KIND = "metric";

    /**
     * Computes this metric.
     *
     * @return values by name (e.g. {@code accuracy}); the runtime stores them as {@code SPLIT.NAME}
     */
    Map<String, Double> evaluate(Predictions predictions, Params params);
}
