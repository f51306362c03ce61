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
 * Forward and forward+backward time of one attention layer (with its q/k/v/o projections) on random input,
 * loss = sum of the outputs, as in the PyTorch reference benchmark in {@code shared/anchors/torch}.
 */
final class AttentionKernelBench {
    /** One measured configuration. */
    record Result(String variant, int length, double forwardMs, double stepMs, double gflops, long peakBytes) {
    }

    private final int batch;
    private final int heads;
    private final int headWidth;
    private final Timer timer;

    AttentionKernelBench(int batch, int heads, int headWidth, Timer timer) {
        this.batch = batch;
        this.heads = heads;
        this.headWidth = headWidth;
        this.timer = timer;
    }

    Result run(String variant, AttentionMechanism mechanism, Params params, int length) {
        int width = heads * headWidth;
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, length, width);
        Params withHeads = params.asMap().containsKey("heads") ? params.with("heads", heads) : params;
        SDVariable out = mechanism.attend(new GraphContext(sd, DataType.FLOAT, 1),
                AttentionInputs.self("attn", x, null, false, length, width), withHeads).values();
        sd.sum("loss", out);
        sd.setLossVariables("loss");
        MutedStdout.run(sd::createGradFunction);
        double[] values = new SplittableRandom(1).doubles((long) batch * length * width, -1, 1).toArray();
        INDArray input = Nd4j.createFromArray(values).castTo(DataType.FLOAT).reshape(batch, length, width);
        Map<String, INDArray> feed = Map.of("x", input);
        List<String> weights = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
        Timer.Measurement forward = timer.measure(() -> sd.output(feed, "loss"));
        Timer.Measurement step = timer.measure(() -> sd.calculateGradients(feed, weights));
        double flops = "linear".equals(variant)
                ? 12.0 * batch * heads * length * (double) headWidth * headWidth
                : 12.0 * batch * heads * (double) length * length * headWidth;
        return new Result(variant, length, forward.medianMs(), step.medianMs(), flops / (step.medianMs() * 1e6),
                Math.max(forward.peakBytes(), step.peakBytes()));
    }
}
