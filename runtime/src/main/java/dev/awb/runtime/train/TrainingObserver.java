package dev.awb.runtime.train;

/**
 * Receives a trial's progress and measurements as training goes; the CLI draws a progress bar from it and
 * the results store records the metrics.
 */
public interface TrainingObserver {

    /** After each training step. */
    void step(int epoch, int epochs, int batch, int batches, double meanLoss, double tokensPerSecond);

    /**
     * A measurement.
     *
     * @param split {@code train}, {@code validation}, {@code test} or {@code cost}
     * @param name e.g. {@code loss}, {@code accuracy}
     * @param epoch the epoch it belongs to (1-based), or null for the trial's final value
     */
    void metric(String split, String name, Integer epoch, double value);

    /**
     * After everything of {@code epoch} has been reported and before its checkpoint is written: what was
     * reported must be durable now, or a resume from that checkpoint would lose it.
     */
    default void epochDone(int epoch) {
    }

    /** Before training continues after {@code epoch}, from a checkpoint of an earlier attempt. */
    default void resumed(int epoch) {
    }

    /** When the trial's training loss became NaN or infinite; it is recorded as diverged and the study goes on. */
    default void diverged(TrainingDiverged divergence) {
        failed(divergence);
    }

    /** When the trial failed; it is recorded as failed and the study goes on. */
    default void failed(Throwable error) {
    }
}
