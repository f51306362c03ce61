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
 * The loss the model is trained on: mean cross-entropy {@code −ln p(actual)} in nats over the scored positions.
 *
 * <p>Key: {@code loss}; NaN without scored positions or without per-position losses.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "loss", summary = "Mean cross-entropy over scored positions, in nats")
public class Loss implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        return Map.of("loss", meanLoss(evaluation));
    }

    /** The mean of the per-position losses, NaN when there are none. */
    static double meanLoss(Evaluation evaluation) {
        double[] loss = evaluation.loss();
        if (loss == null || loss.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double l : loss) {
            sum += l;
        }
        return sum / loss.length;
    }

    /** Lower is better: a loss is a cost. */
    @Override
    public Direction direction(String key) {
        return Direction.LOWER_IS_BETTER;
    }
}
