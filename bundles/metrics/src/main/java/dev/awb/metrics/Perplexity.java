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
 * Perplexity: {@code exp} of the mean per-position cross-entropy in nats, the effective number of classes the
 * model hesitates between at a scored position (Jelinek et al. 1977). Meant for per-position tasks; on sequence
 * tasks it is the same quantity over one position per example.
 *
 * <p>Key: {@code perplexity}; NaN without scored positions or without per-position losses.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "perplexity", summary = "exp(mean cross-entropy) over scored positions")
public class Perplexity implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        return Map.of("perplexity", Math.exp(Loss.meanLoss(evaluation)));
    }

    /** Lower is better: a perplexity is a cost. */
    @Override
    public Direction direction(String key) {
        return Direction.LOWER_IS_BETTER;
    }
}
