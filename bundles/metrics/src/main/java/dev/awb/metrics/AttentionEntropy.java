package dev.awb.metrics;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.metric.AttentionProbe;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The entropy of attention distributions on the probe batch: how spread out each query's attention is.
 *
 * <p>For every layer, probe example, head and real query {@code q} (below the example's length), the row
 * {@code p} over the real keys has entropy {@code H = −Σ_k p_k ln p_k} in nats (0 for one-hot attention,
 * {@code ln n} for uniform attention over n keys); a row whose weights do not sum to one (unnormalised mechanisms,
 * see {@code AttentionMechanism.weightsSumToOne}) is divided by its sum first. Keys: {@code attention_entropy}, the mean over all rows of all
 * layers, and {@code attention_entropy/layerL} (L from 0), the mean over the rows of one layer. NaN when the
 * attention mechanism gives no weights.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "attention-entropy", summary = "Mean entropy of the probe batch's attention rows")
public class AttentionEntropy implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        AttentionProbe probe = evaluation.attention();
        Map<String, Double> values = new LinkedHashMap<>();
        if (probe == null || probe.layers().isEmpty()) {
            values.put("attention_entropy", Double.NaN);
            return values;
        }
        double total = 0;
        long rows = 0;
        Map<String, Double> layers = new LinkedHashMap<>();
        for (int l = 0; l < probe.layers().size(); l++) {
            double sum = 0;
            long count = 0;
            double[][][][] layer = probe.layers().get(l);
            for (int e = 0; e < layer.length; e++) {
                int length = probe.lengths()[e];
                for (double[][] head : layer[e]) {
                    for (int q = 0; q < length; q++) {
                        sum += entropy(head[q], length);
                        count++;
                    }
                }
            }
            layers.put("attention_entropy/layer" + l, sum / count);
            total += sum;
            rows += count;
        }
        values.put("attention_entropy", total / rows);
        values.putAll(layers);
        return values;
    }

    /**
     * {@code −Σ p ln p} over the first {@code length} entries, in nats, of the row divided by its sum (a no-op for
     * mechanisms whose rows sum to one; for unnormalised weights, such as sigmoid attention, the spread of the row's
     * mass); 0 for a row without mass.
     */
    static double entropy(double[] p, int length) {
        double total = 0;
        for (int k = 0; k < length; k++) {
            total += Math.max(0, p[k]);
        }
        if (!(total > 0)) {
            return 0;
        }
        double h = 0;
        for (int k = 0; k < length; k++) {
            if (p[k] > 0) {
                double share = p[k] / total;
                h -= share * Math.log(share);
            }
        }
        return h;
    }
}
