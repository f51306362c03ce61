package dev.awb.metrics;

import dev.awb.api.Plugin;
import dev.awb.api.metric.Metric;
import org.osgi.service.component.annotations.Component;

/**
 * Recall tp / (tp + fn) per class, macro and micro averaged.
 *
 * <p>Keys: {@code recall_macro}, {@code recall_micro}, {@code recall/CLASS}; see {@link ClassAveragedMetric} and
 * {@link ClassCounts} for the averaging and zero-division conventions.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "recall", summary = "Recall tp / (tp + fn) per class, macro and micro averaged")
public class Recall extends ClassAveragedMetric {

    public Recall() {
        super("recall");
    }

    @Override
    double perClass(ClassCounts counts, int c) {
        return counts.recall(c);
    }

    @Override
    double micro(ClassCounts counts) {
        return counts.microRecall();
    }
}
