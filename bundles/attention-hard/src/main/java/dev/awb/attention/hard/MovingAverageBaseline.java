package dev.awb.attention.hard;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The REINFORCE baseline: an exponential moving average of the mean per-example loss over training steps,
 * bias-corrected as in Adam (Kingma &amp; Ba 2015) so that early steps are not pulled towards 0, written into a
 * scalar constant of the graph after every step.
 *
 * <p>A listener because SameDiff updates only trainable variables; the average is run state of the trial's graph
 * (one listener per graph and layer), not of the plugin. The constant is saved with the graph; the step count is
 * not, so a reloaded graph restarts the correction.
 */
final class MovingAverageBaseline extends BaseListener {
    private final String lossName;
    private final String baselineName;
    private final double decay;
    private double average;
    private long steps;
    private double pending = Double.NaN;

    MovingAverageBaseline(String lossName, String baselineName, double decay) {
        this.lossName = lossName;
        this.baselineName = baselineName;
        this.decay = decay;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
            INDArray[] outputs) {
        int index = op.getOutputsOfOp().indexOf(lossName);
        if (index >= 0) {
            pending = outputs[index].meanNumber().doubleValue();
        }
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        if (Double.isNaN(pending)) {
            return;
        }
        steps++;
        average = decay * average + (1 - decay) * pending;
        pending = Double.NaN;
        sd.getArrForVarName(baselineName).assign(average / (1 - Math.pow(decay, steps)));
    }
}
