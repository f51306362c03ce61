package dev.awb.runtime.train;

import java.io.Serializable;
import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.evaluation.BaseEvaluation;
import org.nd4j.evaluation.IMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Catches the loss of each training step.
 *
 * <p>In SameDiff 1.0.0-M2.1 a training step computes gradients without evaluating the loss variable itself,
 * so listeners and the loss curve see 0. Registering {@link #probe()} as a training evaluation of the loss
 * variable makes the step compute it; the step's {@link Loss} then carries the real value.
 */
final class LossCapture extends BaseListener {
    private double last = Double.NaN;

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        // The task loss alone: with L2 or weight decay SameDiff appends each penalty (0.5·λ·‖θ‖²) as a further
        // entry, and plugins' extra loss terms are part of what is differentiated, not of what is reported.
        last = loss.lossNames().contains(ModelGraph.LOSS) ? loss.getLoss(ModelGraph.LOSS) : loss.totalLoss();
    }

    /** The loss of the latest step, NaN before the first. */
    double last() {
        return last;
    }

    /** An evaluation that does nothing but makes the training step compute the variable it is attached to. */
    static Probe probe() {
        return new Probe();
    }

    /** See {@link LossCapture#probe()}. */
    static final class Probe extends BaseEvaluation<Probe> {
        private static final long serialVersionUID = 1L;

        @Override
        public void eval(INDArray labels, INDArray predictions, INDArray mask, List<? extends Serializable> metaData) {
            // Nothing to accumulate: the loss arrives through the step's Loss.
        }

        @Override
        public void merge(Probe other) {
        }

        @Override
        public void reset() {
        }

        @Override
        public String stats() {
            return "loss probe";
        }

        @Override
        public double getValue(IMetric metric) {
            return Double.NaN;
        }

        @Override
        public Probe newInstance() {
            return new Probe();
        }
    }
}
