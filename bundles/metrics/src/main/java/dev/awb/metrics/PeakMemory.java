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
 * The largest resident memory of the process so far, heap and off-heap (see
 * {@link dev.awb.api.metric.Measurements#peakMemoryBytes()}).
 *
 * <p>Key: {@code peak_memory_bytes}; NaN without measurements.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "peak-memory", summary = "Peak resident memory of the process, in bytes")
public class PeakMemory implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        return Map.of("peak_memory_bytes", evaluation.measurements() == null ? Double.NaN
                : (double) evaluation.measurements().peakMemoryBytes());
    }

    /** Lower is better: bytes of memory is a cost. */
    @Override
    public Direction direction(String key) {
        return Direction.LOWER_IS_BETTER;
    }
}
