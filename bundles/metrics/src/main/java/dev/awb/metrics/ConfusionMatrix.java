package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import dev.awb.api.dataset.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The confusion matrix: how many scored positions of each true class got each predicted class.
 *
 * <p>Keys: {@code confusion/ACTUAL/PREDICTED} for every non-zero cell, ACTUAL and PREDICTED being class names or
 * indices; absent cells are 0. Rows in true-class order, then predicted-class order.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "confusion-matrix", summary = "Counts of each (true class, predicted class) pair")
public class ConfusionMatrix implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        ClassCounts counts = ClassCounts.of(evaluation);
        TaskSpec task = evaluation.task();
        Map<String, Double> cells = new LinkedHashMap<>();
        for (int actual = 0; actual < counts.classes(); actual++) {
            for (int predicted = 0; predicted < counts.classes(); predicted++) {
                long n = counts.cell(actual, predicted);
                if (n > 0) {
                    cells.put("confusion/" + task.className(actual) + "/" + task.className(predicted), (double) n);
                }
            }
        }
        return cells;
    }
}
