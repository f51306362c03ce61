package dev.awb.metrics;

import dev.awb.api.Plugin;
import dev.awb.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * F1 score (harmonic mean of precision and recall) per class, macro and micro averaged.
 *
 * <p>Keys: {@code f1_macro}, {@code f1_micro}, {@code f1/CLASS}; see {@link ClassAveragedMetric} and
 * {@link ClassCounts} for the averaging and zero-division conventions.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "f1", summary = "F1 (harmonic mean of precision and recall) per class, macro and micro averaged")
public class F1 extends ClassAveragedMetric {

    public F1() {
        super("f1");
    }

    @Override
    double perClass(ClassCounts counts, int c) {
        return counts.f1(c);
    }

    @Override
    double micro(ClassCounts counts) {
        return counts.microF1();
    }
}
