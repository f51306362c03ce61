package dev.awb.runtime.train;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The bookkeeping of the training steps of one epoch run as a single {@code fit} call (see {@link EpochBatches}):
 * each step's loss (read from {@link LossCapture}, which must be registered before this listener), its time and
 * tokens, the progress report, and the end of training at the first non-finite loss.
 */
final class EpochSteps extends BaseListener {
    private final LossCapture loss;
    private final Batches batches;
    private final int[][] order;
    private final int epoch;
    private final int epochs;
    private final TrainingObserver observer;
    private double seconds;
    private long tokens;
    private double lossSum;
    private int done;
    private long stepStart;
    private long peakBytes;

    /**
     * @param seconds training seconds before this epoch
     * @param tokens training tokens before this epoch
     * @param peakBytes the peak resident bytes seen before this epoch
     */
    EpochSteps(LossCapture loss, Batches batches, int[][] order, int epoch, int epochs, TrainingObserver observer,
            double seconds, long tokens, long peakBytes) {
        this.loss = loss;
        this.batches = batches;
        this.order = order;
        this.epoch = epoch;
        this.epochs = epochs;
        this.observer = observer;
        this.seconds = seconds;
        this.tokens = tokens;
        this.peakBytes = peakBytes;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlTime) {
        stepStart = System.nanoTime();
    }

    /**
     * @throws TrainingDiverged at a NaN or infinite loss: nothing after such a step means anything, so training stops
     *     there rather than going on with garbage
     */
    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss stepLoss) {
        seconds += (System.nanoTime() - stepStart) / 1e9;
        tokens += batches.tokens(order[done]);
        done++;
        if (!Double.isFinite(loss.last())) {
            throw new TrainingDiverged(epoch, done, loss.last());
        }
        lossSum += loss.last();
        peakBytes = Math.max(peakBytes, Pointer.physicalBytes());
        observer.step(epoch, epochs, done, order.length, lossSum / done, tokens / seconds);
    }

    /** The mean training loss of the epoch's steps. */
    double meanLoss() {
        return lossSum / done;
    }

    /** Training seconds including this epoch's steps. */
    double seconds() {
        return seconds;
    }

    /** The process's peak resident bytes seen after a step, this epoch's steps included. */
    long peakBytes() {
        return peakBytes;
    }

    /** Training tokens including this epoch's steps. */
    long tokens() {
        return tokens;
    }
}
