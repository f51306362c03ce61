package dev.awb.runtime.bench;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.runtime.train.EpochBatches;
import dev.awb.runtime.train.MutedStdout;
import java.util.Collections;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One attention layer (with its q/k/v/o projections) on random input [batch, length, heads × head width], loss =
 * sum of the outputs; one step = forward and the gradients of every weight. {@code torch_bench.py} builds the same
 * layer.
 *
 * <p>Steps run the way the trainer runs them: several in one SameDiff training session ({@code fit} with
 * {@link EpochBatches}), whose array cache is reused from step to step. {@code calculateGradients}, used before,
 * starts a new session with an empty cache on every call, so each step allocated and faulted in every intermediate
 * array afresh (soft attention at L=1024: 217,000 page faults and a 2.8-4.5 GB peak). {@code fit} also applies an
 * update, here plain SGD with a learning rate of 0 (one tiny op per weight, the weights stay as they were).
 */
final class AttentionKernelBench {
    /** Steps per timed session: 4, or 2 beyond L=2048 (soft attention at L=4096 takes a minute a step). */
    static int stepsPerFit(int length) {
        return length > 2048 ? 2 : 4;
    }

    private AttentionKernelBench() {
    }

    /** The step of {@code spec}'s layer, ready to time, and the layer's weight count. */
    static Workload prepare(AttentionMechanism mechanism, Params params, CellSpec spec) {
        int width = spec.heads() * spec.headWidth();
        int length = spec.length();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, length, width);
        // fit() wants a label placeholder; the loss does not read it.
        sd.placeHolder("unused", DataType.FLOAT, 1);
        Params withHeads = params.asMap().containsKey("heads") ? params.with("heads", spec.heads()) : params;
        SDVariable out = mechanism.attend(new GraphContext(sd, DataType.FLOAT, 1),
                AttentionInputs.self("attn", x, null, false, length, width), withHeads).values();
        sd.sum("loss", out);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.0)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("unused").build());
        MutedStdout.run(sd::createGradFunction);
        double[] values = new SplittableRandom(1).doubles((long) spec.batch() * length * width, -1, 1).toArray();
        INDArray input = Nd4j.createFromArray(values).castTo(DataType.FLOAT).reshape(spec.batch(), length, width);
        MultiDataSet batch = new MultiDataSet(new INDArray[] {input}, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 1)});
        long parameters = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length()).sum();
        int steps = stepsPerFit(length);
        return new Workload(() -> {
            sd.fit(new EpochBatches(Collections.nCopies(steps, batch).iterator()), 1);
            // As ModelGraph.fit: the finished session's cache is native memory freed only when its handles are collected.
            System.gc();
        }, parameters, steps);
    }
}
