package dev.awb.api.model;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.TaskSpec;
import java.util.List;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a model is built from.
 *
 * @param task the task's shape
 * @param tokens placeholder of token ids, INT32 [batch, length]
 * @param paddingMask placeholder, 1 for real tokens and 0 for padding, [batch, length], of the context's
 *     floating-point type
 * @param context placeholder of the examples' context token ids, INT32 [batch, {@link TaskSpec#contextLength()}];
 *     null when the task has no context
 * @param attention the attention mechanism taken from the experiment graph's attention node
 * @param attentionParams that node's resolved parameters
 * @param attentionSignals the interaction signals wired to the attention node (its {@code inputs:}), by source
 *     name: {@link #DATASET_CONTEXT} for the dataset's context. The model turns each into a
 *     [batch, signal length, width] variable and passes them in {@code AttentionInputs.signals()}; empty when none
 */
public record ModelInputs(TaskSpec task, SDVariable tokens, SDVariable paddingMask, SDVariable context,
        AttentionMechanism attention, Params attentionParams, List<String> attentionSignals) {

    /** The signal source name of the dataset's context (embedded with the model's token embedding). */
    public static final String DATASET_CONTEXT = "context";

    /** Inputs of a task without context and an attention node without signals. */
    public ModelInputs(TaskSpec task, SDVariable tokens, SDVariable paddingMask, AttentionMechanism attention,
            Params attentionParams) {
        this(task, tokens, paddingMask, null, attention, attentionParams, List.of());
    }

    public ModelInputs {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(paddingMask, "paddingMask");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(attentionParams, "attentionParams");
        attentionSignals = List.copyOf(attentionSignals);
    }
}
