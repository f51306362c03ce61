package dev.awb.runtime.bench;

import java.util.Map;

/**
 * One benchmark configuration as a child process receives it (as JSON), awb's and PyTorch's alike: the workload,
 * the attention variant, the sequence length, threads and timing, and the shapes of the workload.
 *
 * @param workload {@link #ATTENTION} (one attention layer with its q/k/v/o projections, forward + backward, loss =
 *     sum of outputs) or {@link #STEP} (one optimizer step of the experiment's model)
 * @param variant the attention plugin's name ({@code soft}, {@code linear}, ...)
 * @param length the sequence length
 * @param threads OpenMP (and PyTorch intra-op) threads of the child
 * @param timing how the child times the step
 * @param batch batch of the attention workload
 * @param heads heads (both workloads)
 * @param headWidth width of one head (attention workload; the step's comes from the model)
 * @param experiment the experiment file whose model the step workload trains (awb side)
 * @param stepBatch batch of the step workload
 * @param model the step workload's model as the PyTorch side rebuilds it; null for the attention workload
 */
public record CellSpec(String workload, String variant, int length, int threads, Timing timing, int batch, int heads,
        int headWidth, String experiment, int stepBatch, StepModel model) {
    public static final String ATTENTION = "attention";
    public static final String STEP = "step";

    /**
     * The step workload's model, what the PyTorch side needs to build the same network as
     * {@code model/transformer-encoder}: token embedding, positions, pre-LN blocks of attention and a ReLU
     * feed-forward, final layer norm, per-position or pooled softmax head, masked cross-entropy, and the optimizer.
     *
     * @param vocab token ids
     * @param classes output classes
     * @param target {@code TOKEN} (a class per position) or {@code SEQUENCE} (one per sequence, after pooling)
     * @param layers encoder blocks
     * @param dModel model width
     * @param ffnMultiplier feed-forward hidden width / model width
     * @param causal causal attention mask
     * @param positional the positional plugin's name ({@code sinusoidal}, {@code learned})
     * @param pooling the pooling plugin's name ({@code mean}) for sequence targets
     * @param optimizer the optimizer plugin's name ({@code adam}, {@code adamw})
     * @param optimizerParams its parameters ({@code lr}, {@code beta1}, {@code beta2}, {@code epsilon}, ...)
     * @param attentionParams the attention plugin's parameters ({@code feature_map}, {@code epsilon}, ...)
     */
    public record StepModel(int vocab, int classes, String target, int layers, int dModel, int ffnMultiplier,
            boolean causal, String positional, String pooling, String optimizer, Map<String, Object> optimizerParams,
            Map<String, Object> attentionParams) {
    }

    /** A short label: {@code attention soft L=1024}. */
    public String label() {
        return workload + " " + variant + " L=" + length;
    }
}
