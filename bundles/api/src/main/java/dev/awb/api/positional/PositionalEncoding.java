package dev.awb.api.positional;

import dev.awb.api.Configurable;
import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.nd4j.autodiff.samediff.SDVariable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A positional encoding: position information a model adds to its token embeddings.
 *
 * <p>Implementations are stateless definitions registered as DS services with {@code @Plugin(kind = "positional",
 * ...)}; trainable tables are created through the {@link GraphContext} under {@code scope}.
 */
@ConsumerType
public interface PositionalEncoding extends Configurable {
    /** The kind name used in experiment files ({@code positional/NAME}). */
    String KIND = "positional";

    /**
     * The encodings of positions 0 … length−1, shape [1, length, width], to be added to the token embeddings.
     *
     * @throws dev.awb.api.PluginConfigurationException if {@code params} cannot work with this length or width
     */
    SDVariable encode(GraphContext context, String scope, int length, int width, Params params);
}
