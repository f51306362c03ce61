package dev.awb.metrics;

import dev.awb.api.Plugin;
import dev.awb.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * Precision tp / (tp + fp) per class, macro and micro averaged.
 *
 * <p>Keys: {@code precision_macro}, {@code precision_micro}, {@code precision/CLASS}; see {@link ClassAveragedMetric} and
 * {@link ClassCounts} for the averaging and zero-division conventions.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "precision", summary = "Precision tp / (tp + fp) per class, macro and micro averaged")
public class Precision extends ClassAveragedMetric {

    public Precision() {
        super("precision");
    }

    @Override
    double perClass(ClassCounts counts, int c) {
        return counts.precision(c);
    }

    @Override
    double micro(ClassCounts counts) {
        return counts.microPrecision();
    }
}
