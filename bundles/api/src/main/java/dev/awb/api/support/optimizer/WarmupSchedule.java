package dev.awb.api.support.optimizer;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A linear warmup (Goyal et al. 2017, "Accurate, Large Minibatch SGD") in front of another schedule: at step
 * {@code t < W} the value is {@code peak · (t + 1) / W}; from step {@code W} on it is
 * {@code after.valueAt(t − W)}, so the schedule behind it starts counting at the end of the warmup.
 *
 * <p>The first step already gets {@code peak / W} (not 0, which would waste it) and step {@code W − 1} gets the
 * full {@code peak}. Lives in the SPI's jar (not in a plugin) so that saved training configurations naming it
 * deserialize from the host's class path.
 */
public final class WarmupSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    private final int warmupSteps;
    private final double peak;
    private final ISchedule after;

    /**
     * @param warmupSteps W, at least 1
     * @param peak the value reached at the last warmup step
     * @param after the schedule from step W on, which sees step W as its step 0
     */
    @JsonCreator
    public WarmupSchedule(@JsonProperty("warmupSteps") int warmupSteps, @JsonProperty("peak") double peak,
            @JsonProperty("after") ISchedule after) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmupSteps must be at least 1, found " + warmupSteps);
        }
        this.warmupSteps = warmupSteps;
        this.peak = peak;
        this.after = Objects.requireNonNull(after, "after");
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return peak * (iteration + 1) / warmupSteps;
        }
        return after.valueAt(iteration - warmupSteps, epoch);
    }

    @Override
    public WarmupSchedule clone() {
        return new WarmupSchedule(warmupSteps, peak, after.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WarmupSchedule w && w.warmupSteps == warmupSteps && w.peak == peak
                && w.after.equals(after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(warmupSteps, peak, after);
    }

    @Override
    public String toString() {
        return "WarmupSchedule(" + warmupSteps + " steps to " + peak + ", then " + after + ")";
    }
}
