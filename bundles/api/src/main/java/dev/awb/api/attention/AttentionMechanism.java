package dev.awb.api.attention;

import dev.awb.api.Configurable;
import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An attention mechanism: adds its operations (and its own projection weights) to a graph.
 *
 * <p>Implementations are stateless definitions registered as DS services with {@code @Plugin(kind =
 * "attention", ...)}; one instance serves every trial. All weights are created through the
 * {@link GraphContext} under {@link AttentionInputs#scope()} so that several layers can use the same
 * mechanism in one graph.
 */
@ConsumerType
public interface AttentionMechanism extends Configurable {
    /** The kind name used in experiment files ({@code attention/NAME}). */
    String KIND = "attention";

    /**
     * Adds attention over {@code inputs} to the graph.
     *
     * @throws dev.awb.api.PluginConfigurationException if {@code params} cannot work with these inputs
     *     (e.g. heads do not divide the model width)
     */
    AttentionOutput attend(GraphContext context, AttentionInputs inputs, Params params);

    /**
     * Whether each query's weights over the real keys sum to one under {@code params} (softmax, argmax and kernel
     * attention do; sigmoid attention (Ramapuram et al. 2024) and ReLU or polynomial attention do not). The test kit's
     * contract checks the sums only where this is true, and checks unnormalised weights for being finite and
     * non-negative instead. Attention maps show unnormalised weights as they are; the entropy and drift metrics
     * divide each row by its sum first, so they measure how the row's mass is spread, whatever its total.
     *
     * @return true unless overridden
     * @since 1.1
     */
    default boolean weightsSumToOne(Params params) {
        return true;
    }
}
