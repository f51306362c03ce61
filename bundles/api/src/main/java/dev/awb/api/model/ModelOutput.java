package dev.awb.api.model;

import java.util.List;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A built model.
 *
 * @param logits unnormalised class scores: [batch, classes] for sequence targets, [batch, length, classes]
 *     for per-position targets
 * @param attentionWeights the attention weights of each layer, in layer order, for attention maps
 */
public record ModelOutput(SDVariable logits, List<SDVariable> attentionWeights) {
    public ModelOutput {
        Objects.requireNonNull(logits, "logits");
        attentionWeights = List.copyOf(attentionWeights);
    }
}
