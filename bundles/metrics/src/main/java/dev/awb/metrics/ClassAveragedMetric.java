package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-class score averaged two ways. Keys, with {@code NAME} the score's name: {@code NAME_macro} (unweighted
 * mean over the classes present in truth or predictions), {@code NAME_micro} (from counts pooled over all
 * positions) and, unless {@code per_class} is false, {@code NAME/CLASS} for each present class, CLASS being the
 * task's class name or index. All NaN without scored positions. See {@link ClassCounts} for the conventions.
 */
abstract class ClassAveragedMetric implements Metric {
    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofBoolean("per_class", true, "Also report the score of each class present, as NAME/CLASS"));

    private final String name;

    ClassAveragedMetric(String name) {
        this.name = name;
    }

    @Override
    public final List<ParamSpec> params() {
        return PARAMS;
    }

    /** The score of class {@code c}. */
    abstract double perClass(ClassCounts counts, int c);

    /** The score over pooled counts. */
    abstract double micro(ClassCounts counts);

    @Override
    public final Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (evaluation.size() == 0) {
            values.put(name + "_macro", Double.NaN);
            values.put(name + "_micro", Double.NaN);
            return values;
        }
        ClassCounts counts = ClassCounts.of(evaluation);
        double sum = 0;
        int present = 0;
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < counts.classes(); c++) {
            if (counts.present(c)) {
                double score = perClass(counts, c);
                sum += score;
                present++;
                perClass.put(name + "/" + evaluation.task().className(c), score);
            }
        }
        values.put(name + "_macro", sum / present);
        values.put(name + "_micro", micro(counts));
        if (params.getBoolean("per_class")) {
            values.putAll(perClass);
        }
        return values;
    }
}
