package dev.awb.api.model;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.TaskSpec;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a model is built from.
 *
 * @param task the task's shape
 * @param tokens placeholder of token ids, INT32 [batch, length]
 * @param paddingMask placeholder, 1 for real tokens and 0 for padding, [batch, length], of the context's
 *     floating-point type
 * @param attention the attention mechanism taken from the experiment graph's attention node
 * @param attentionParams that node's resolved parameters
 */
public record ModelInputs(TaskSpec task, SDVariable tokens, SDVariable paddingMask, AttentionMechanism attention,
        Params attentionParams) {
    public ModelInputs {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(paddingMask, "paddingMask");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(attentionParams, "attentionParams");
    }
}
