package dev.awb.runtime.experiment;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import java.util.List;

/**
 * The built-in {@code trainer} node's settings.
 *
 * @param epochs passes over the training split
 * @param batch training minibatch size
 * @param evalBatch minibatch size for evaluation
 */
public record TrainerSettings(int epochs, int batch, int evalBatch) {
    /** The name used in experiment files: {@code use: trainer}. */
    public static final String USE = "trainer";

    /** The trainer's parameters, validated like a plugin's. */
    public static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt("epochs", 10, "Passes over the training split").range(1, 100_000),
            ParamSpec.ofInt("batch", 32, "Training minibatch size").range(1, 1 << 20),
            ParamSpec.ofInt("eval_batch", 256, "Evaluation minibatch size").range(1, 1 << 20));

    public static TrainerSettings of(Params params) {
        return new TrainerSettings(params.getInt("epochs"), params.getInt("batch"), params.getInt("eval_batch"));
    }
}
