package dev.awb.api.model;

import dev.awb.api.Configurable;
import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A model architecture template: builds a network for a task around the attention mechanism it is given.
 */
@ConsumerType
public interface ModelArchitecture extends Configurable {
    /** The kind name used in experiment files ({@code model/NAME}). */
    String KIND = "model";

    /**
     * Adds the model to the context's graph.
     *
     * @throws dev.awb.api.PluginConfigurationException if {@code params} cannot work with the inputs
     */
    ModelOutput build(GraphContext context, ModelInputs inputs, Params params);
}
