package dev.awb.runtime.train;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Catches the value of the loss variable during a training step; SameDiff 1.0.0-M2.1 reports 0 through its
 * own loss curve.
 */
final class LossCapture extends BaseListener {
    private double last = Double.NaN;

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        return ListenerVariables.builder().trainingVariables(ModelGraph.LOSS).build();
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
            INDArray activation) {
        if (ModelGraph.LOSS.equals(varName)) {
            last = activation.getDouble(0);
        }
    }

    /** The loss of the latest step, NaN before the first. */
    double last() {
        return last;
    }
}
