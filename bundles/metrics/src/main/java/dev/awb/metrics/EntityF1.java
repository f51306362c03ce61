package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;

/**
 * Entity-level precision, recall and F1 of a BIO tagging task, as CoNLL-2003's {@code conlleval}: a predicted
 * entity counts only when its type, first and last token all match a true entity (Tjong Kim Sang &amp; De Meulder
 * 2003). Each example is a sentence; its scored positions, in order, are its tokens.
 *
 * <p>Keys: {@code entity_precision}, {@code entity_recall}, {@code entity_f1} (over all entities pooled) and
 * {@code entity_f1/TYPE} for each entity type found in the truth or the predictions; 0 when a denominator is 0,
 * NaN without scored positions. Needs the task's class names to be BIO tags ({@code O}, {@code B-X},
 * {@code I-X}).
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "entity-f1", summary = "CoNLL entity-level F1 over BIO-tagged spans")
public class EntityF1 implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        requireBioTags(evaluation.task());
        Map<String, Double> values = new LinkedHashMap<>();
        if (evaluation.size() == 0) {
            values.put("entity_precision", Double.NaN);
            values.put("entity_recall", Double.NaN);
            values.put("entity_f1", Double.NaN);
            return values;
        }
        List<BioSpans.Span> truth = spans(evaluation, evaluation.actual());
        Set<BioSpans.Span> predicted = new HashSet<>(spans(evaluation, evaluation.predicted()));
        long correct = truth.stream().filter(predicted::contains).count();
        double precision = ClassCounts.ratio(correct, predicted.size());
        double recall = ClassCounts.ratio(correct, truth.size());
        values.put("entity_precision", precision);
        values.put("entity_recall", recall);
        values.put("entity_f1", ClassCounts.harmonic(precision, recall));
        Set<String> types = new TreeSet<>();
        truth.forEach(s -> types.add(s.type()));
        predicted.forEach(s -> types.add(s.type()));
        for (String type : types) {
            long t = truth.stream().filter(s -> s.type().equals(type)).count();
            long p = predicted.stream().filter(s -> s.type().equals(type)).count();
            long c = truth.stream().filter(s -> s.type().equals(type) && predicted.contains(s)).count();
            values.put("entity_f1/" + type, ClassCounts.harmonic(ClassCounts.ratio(c, p), ClassCounts.ratio(c, t)));
        }
        return values;
    }

    /** The spans of {@code classes}, sentence by sentence. */
    private static List<BioSpans.Span> spans(Evaluation evaluation, int[] classes) {
        List<BioSpans.Span> spans = new ArrayList<>();
        int i = 0;
        while (i < evaluation.size()) {
            int sentence = evaluation.example()[i];
            List<String> tags = new ArrayList<>();
            for (; i < evaluation.size() && evaluation.example()[i] == sentence; i++) {
                tags.add(evaluation.task().className(classes[i]));
            }
            spans.addAll(BioSpans.of(sentence, tags));
        }
        return spans;
    }

    private static void requireBioTags(TaskSpec task) {
        if (task.classNames().isEmpty()) {
            throw new PluginConfigurationException("class_names", "metric/entity-f1 needs BIO tag class names (O, "
                    + "B-X, I-X) from the dataset; this task's " + task.numClasses() + " classes have no names");
        }
        for (String name : task.classNames()) {
            if (!BioSpans.isTag(name)) {
                throw new PluginConfigurationException("class_names", "metric/entity-f1 needs BIO tags (O, B-X, "
                        + "I-X) as class names, found [" + name + "] in " + task.classNames());
            }
        }
    }
}
