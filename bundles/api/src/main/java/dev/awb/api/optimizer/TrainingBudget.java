package dev.awb.api.optimizer;

/**
 * The length of a training run in optimizer steps, which learning-rate schedules are expressed against.
 *
 * <p>Steps count from 0: the first update is step 0, the last is {@code totalSteps() - 1}. ND4J passes this
 * count to {@link org.nd4j.linalg.schedule.ISchedule#valueAt} as the iteration.
 *
 * @param stepsPerEpoch minibatches per pass over the training split, at least 1
 * @param epochs passes over the training split, at least 1
 */
public record TrainingBudget(int stepsPerEpoch, int epochs) {
    public TrainingBudget {
        if (stepsPerEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException(
                    "steps per epoch and epochs must be at least 1, found " + stepsPerEpoch + " and " + epochs);
        }
    }

    /** The budget of {@code epochs} passes over {@code examples} training examples in minibatches of {@code batch}. */
    public static TrainingBudget of(int examples, int batch, int epochs) {
        return new TrainingBudget(Math.max(1, (examples + batch - 1) / batch), epochs);
    }

    /** Every step of the run. */
    public long totalSteps() {
        return (long) stepsPerEpoch * epochs;
    }
}
