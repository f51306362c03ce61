package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Accuracy: the fraction of scored positions whose predicted class is the true class. Key: {@code accuracy}
 * (NaN without scored positions).
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "accuracy", summary = "Fraction of scored positions predicted correctly")
public class Accuracy implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        if (evaluation.size() == 0) {
            return Map.of("accuracy", Double.NaN);
        }
        int correct = 0;
        for (int i = 0; i < evaluation.size(); i++) {
            if (evaluation.predicted()[i] == evaluation.actual()[i]) {
                correct++;
            }
        }
        return Map.of("accuracy", correct / (double) evaluation.size());
    }
}
