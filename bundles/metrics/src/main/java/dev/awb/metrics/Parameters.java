package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.metric.Direction;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The number of trainable scalars of the model.
 *
 * <p>Key: {@code parameters}; NaN without measurements.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "parameters", summary = "Number of trainable scalars of the model")
public class Parameters implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        return Map.of("parameters", evaluation.measurements() == null ? Double.NaN
                : (double) evaluation.measurements().parameters());
    }

    /** Lower is better: a parameter count is a cost. */
    @Override
    public Direction direction(String key) {
        return Direction.LOWER_IS_BETTER;
    }
}
