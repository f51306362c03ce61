package dev.awb.runtime.bench;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.runtime.train.MutedStdout;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One attention layer (with its q/k/v/o projections) on random input [batch, length, heads × head width], loss =
 * sum of the outputs; one step = forward and the gradients of every weight. {@code torch_bench.py} builds the same
 * layer.
 */
final class AttentionKernelBench {
    private AttentionKernelBench() {
    }

    /** The step of {@code spec}'s layer, ready to time, and the layer's weight count. */
    static Workload prepare(AttentionMechanism mechanism, Params params, CellSpec spec) {
        int width = spec.heads() * spec.headWidth();
        int length = spec.length();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, length, width);
        Params withHeads = params.asMap().containsKey("heads") ? params.with("heads", spec.heads()) : params;
        SDVariable out = mechanism.attend(new GraphContext(sd, DataType.FLOAT, 1),
                AttentionInputs.self("attn", x, null, false, length, width), withHeads).values();
        sd.sum("loss", out);
        sd.setLossVariables("loss");
        MutedStdout.run(sd::createGradFunction);
        double[] values = new SplittableRandom(1).doubles((long) spec.batch() * length * width, -1, 1).toArray();
        INDArray input = Nd4j.createFromArray(values).castTo(DataType.FLOAT).reshape(spec.batch(), length, width);
        Map<String, INDArray> feed = Map.of("x", input);
        List<SDVariable> weights = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .toList();
        List<String> names = weights.stream().map(SDVariable::name).toList();
        long parameters = weights.stream().mapToLong(v -> v.getArr().length()).sum();
        return new Workload(() -> sd.calculateGradients(feed, names), parameters);
    }
}
