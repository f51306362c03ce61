package dev.awb.api.model;

import dev.awb.api.Part;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a model is built from: the task's placeholders and the parts taken from the experiment graph.
 *
 * @param task the task's shape
 * @param tokens placeholder of token ids, INT32 [batch, length]
 * @param paddingMask placeholder, 1 for real tokens and 0 for padding, [batch, length], of the context's
 *     floating-point type
 * @param context placeholder of the examples' context token ids, INT32 [batch, {@link TaskSpec#contextLength()}];
 *     null when the task has no context
 * @param attention the attention mechanism of the graph's attention node, with its parameters
 * @param attentionSignals the interaction signals wired to the attention node (its {@code inputs:}), by source
 *     name: {@link #DATASET_CONTEXT} for the dataset's context. The model turns each into a
 *     [batch, signal length, width] variable and passes them in {@code AttentionInputs.signals()}; empty when none
 * @param positional the positional encoding of the graph's positional node, or the runtime's default
 * @param pooling the pooling of the graph's pooling node (used for sequence targets), or the runtime's default
 * @param signalPoolings pooling nodes wired to the attention node as signals, by source name (the node's name,
 *     also listed in {@code attentionSignals}): the model pools its embedded input sequence with each, giving a
 *     [batch, 1, width] summary of the whole input that every attention layer can read (e.g. a topic vector);
 *     empty when none
 */
public record ModelInputs(TaskSpec task, SDVariable tokens, SDVariable paddingMask, SDVariable context,
        Part<AttentionMechanism> attention, List<String> attentionSignals, Part<PositionalEncoding> positional,
        Part<Pooling> pooling, Map<String, Part<Pooling>> signalPoolings) {

    /** The signal source name of the dataset's context (embedded with the model's token embedding). */
    public static final String DATASET_CONTEXT = "context";

    public ModelInputs {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(paddingMask, "paddingMask");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(positional, "positional");
        Objects.requireNonNull(pooling, "pooling");
        attentionSignals = List.copyOf(attentionSignals);
        signalPoolings = Map.copyOf(signalPoolings);
    }

    /** Inputs without pooled signals (the signature of version 1.0 of this package). */
    public ModelInputs(TaskSpec task, SDVariable tokens, SDVariable paddingMask, SDVariable context,
            Part<AttentionMechanism> attention, List<String> attentionSignals, Part<PositionalEncoding> positional,
            Part<Pooling> pooling) {
        this(task, tokens, paddingMask, context, attention, attentionSignals, positional, pooling, Map.of());
    }
}
