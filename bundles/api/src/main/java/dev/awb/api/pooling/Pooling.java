package dev.awb.api.pooling;

import dev.awb.api.Configurable;
import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pooling: reduces a sequence of vectors to one vector per example, e.g. for a classifier's head.
 *
 * <p>Implementations are stateless definitions registered as DS services with {@code @Plugin(kind = "pooling",
 * ...)}; weights are created through the {@link GraphContext} under {@link PoolingInputs#scope()}.
 */
@ConsumerType
public interface Pooling extends Configurable {
    /** The kind name used in experiment files ({@code pooling/NAME}). */
    String KIND = "pooling";

    /**
     * Adds the pooling of {@code inputs} to the graph.
     *
     * @throws dev.awb.api.PluginConfigurationException if {@code params} cannot work with these inputs
     */
    PoolingOutput pool(GraphContext context, PoolingInputs inputs, Params params);
}
