package dev.awb.api;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Sets the graph's training scalar to 1 for the duration of each training step and back to 0 afterwards.
 *
 * <p>SameDiff 1.0.0-M2.1 has no training mode that ops can see; listeners, however, are told whether an
 * operation is {@link Operation#TRAINING} or {@link Operation#INFERENCE}. Resetting to 0 after each step keeps
 * a graph saved after training in inference mode.
 */
final class TrainingFlag extends BaseListener {
    private final String variable;

    TrainingFlag(String variable) {
        this.variable = variable;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void operationStart(SameDiff sd, Operation operation) {
        set(sd, operation == Operation.TRAINING ? 1.0 : 0.0);
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        set(sd, 0.0);
    }

    @Override
    public void operationEnd(SameDiff sd, Operation operation) {
        set(sd, 0.0);
    }

    private void set(SameDiff sd, double value) {
        INDArray flag = sd.getArrForVarName(variable);
        if (flag != null) {
            flag.assign(value);
        }
    }
}
