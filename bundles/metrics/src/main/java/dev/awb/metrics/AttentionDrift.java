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
 * How far attention distributions move: over training, and from one query position to the next.
 *
 * <p>Both use the Jensen–Shannon divergence (Lin 1991) in bits, {@code JSD(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M)} with
 * {@code M = ½ (P + Q)}, over an example's real keys: 0 for identical distributions, 1 for disjoint ones. Rows
 * that do not sum to one (unnormalised mechanisms) are divided by their sums first.
 * <ul>
 *   <li>{@code attention_drift}: the mean over every layer, probe example, head and real query of
 *   {@code JSD(p_now(q, ·), p_before(q, ·))}, between this evaluation's probe and the previous one (see
 *   {@link Evaluation#previousAttention()}: the epoch before, or before training at the final evaluation).
 *   NaN without a previous probe.</li>
 *   <li>{@code attention_position_drift}: the mean over every layer, probe example, head and real query
 *   {@code q ≥ 1} of {@code JSD(p_now(q, ·), p_now(q − 1, ·))}, with keys at their absolute positions: how much
 *   the attention of neighbouring queries differs (0 when every query attends alike).</li>
 * </ul>
 * Also {@code attention_drift/layerL} and {@code attention_position_drift/layerL} per layer (L from 0). All NaN
 * when the attention mechanism gives no weights.
 */
@Component(service = Metric.class)
@Plugin(kind = Metric.KIND, name = "attention-drift",
        summary = "Jensen-Shannon shift of probe attention between evaluations and between neighbouring queries")
public class AttentionDrift implements Metric {

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
        AttentionProbe now = evaluation.attention();
        AttentionProbe before = evaluation.previousAttention();
        Map<String, Double> values = new LinkedHashMap<>();
        boolean hasNow = now != null && !now.layers().isEmpty();
        values.put("attention_drift", hasNow && before != null ? overTraining(now, before, values) : Double.NaN);
        values.put("attention_position_drift", hasNow ? acrossPositions(now, values) : Double.NaN);
        return values;
    }

    private static double overTraining(AttentionProbe now, AttentionProbe before, Map<String, Double> values) {
        if (before.layers().size() != now.layers().size()) {
            throw new IllegalArgumentException("the previous probe has " + before.layers().size()
                    + " attention layers, this one " + now.layers().size());
        }
        double total = 0;
        long rows = 0;
        for (int l = 0; l < now.layers().size(); l++) {
            double[][][][] a = now.layers().get(l);
            double[][][][] b = before.layers().get(l);
            double sum = 0;
            long count = 0;
            for (int e = 0; e < a.length; e++) {
                for (int h = 0; h < a[e].length; h++) {
                    for (int q = 0; q < now.lengths()[e]; q++) {
                        sum += jensenShannon(a[e][h][q], b[e][h][q], now.lengths()[e]);
                        count++;
                    }
                }
            }
            values.put("attention_drift/layer" + l, sum / count);
            total += sum;
            rows += count;
        }
        return total / rows;
    }

    private static double acrossPositions(AttentionProbe now, Map<String, Double> values) {
        double total = 0;
        long rows = 0;
        for (int l = 0; l < now.layers().size(); l++) {
            double[][][][] a = now.layers().get(l);
            double sum = 0;
            long count = 0;
            for (int e = 0; e < a.length; e++) {
                for (double[][] head : a[e]) {
                    for (int q = 1; q < now.lengths()[e]; q++) {
                        sum += jensenShannon(head[q], head[q - 1], now.lengths()[e]);
                        count++;
                    }
                }
            }
            values.put("attention_position_drift/layer" + l, count == 0 ? Double.NaN : sum / count);
            total += sum;
            rows += count;
        }
        return rows == 0 ? Double.NaN : total / rows;
    }

    /**
     * JSD in bits of the first {@code length} entries of {@code p} and {@code q}, each divided by its sum first (a
     * no-op for rows that sum to one; unnormalised rows compare by how their mass is spread); 0 when a row has no
     * mass.
     */
    static double jensenShannon(double[] p, double[] q, int length) {
        double sp = 0;
        double sq = 0;
        for (int k = 0; k < length; k++) {
            sp += Math.max(0, p[k]);
            sq += Math.max(0, q[k]);
        }
        if (!(sp > 0) || !(sq > 0)) {
            return 0;
        }
        double divergence = 0;
        for (int k = 0; k < length; k++) {
            double a = Math.max(0, p[k]) / sp;
            double b = Math.max(0, q[k]) / sq;
            double m = (a + b) / 2;
            if (a > 0) {
                divergence += a * Math.log(a / m);
            }
            if (b > 0) {
                divergence += b * Math.log(b / m);
            }
        }
        return divergence / 2 / Math.log(2);
    }
}
