package dev.awb.runtime.train;

import java.util.Locale;

/**
 * The training loss of a trial became NaN or infinite: the trial stops there and is recorded {@code diverged}.
 *
 * <p>Divergence is an outcome of the configuration (a learning rate too high for a variant, say), not a fault
 * of the run: the same seed diverges again at the same step, so a diverged trial is final, like a finished
 * one, and is not retried when the study is run again.
 */
public final class TrainingDiverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;
    private final double loss;

    /** The loss of training step {@code step} (1-based, within {@code epoch}) was {@code loss}. */
    public TrainingDiverged(int epoch, int step, double loss) {
        super(String.format(Locale.ROOT, "diverged: training loss %s at epoch %d, step %d", loss, epoch, step),
                null, false, false);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
