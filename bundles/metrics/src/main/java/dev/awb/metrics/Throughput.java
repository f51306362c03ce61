package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Measurements;
import dev.awb.api.metric.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Throughput in real (unpadded) tokens per second: of the training steps so far, and of this evaluation's forward
 * passes.
 *
 * <p>Keys: {@code train_tokens_per_s}, {@code inference_tokens_per_s}; NaN without measurements.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "throughput", summary = "Training and inference tokens per second")
public class Throughput implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        Measurements m = evaluation.measurements();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_tokens_per_s", m == null ? Double.NaN : m.trainTokensPerSecond());
        values.put("inference_tokens_per_s", m == null ? Double.NaN : m.inferenceTokensPerSecond());
        return values;
    }
}
