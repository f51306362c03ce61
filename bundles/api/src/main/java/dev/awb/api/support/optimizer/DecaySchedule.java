package dev.awb.api.support.optimizer;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * A schedule falling from {@code initial} at step 0 to {@code last} at step {@code steps} and staying there;
 * subclasses give the shape of the fall.
 *
 * <p>Lives in the SPI's jar (not in a plugin) so that saved training configurations naming its subclasses
 * deserialize from the host's class path.
 */
public abstract class DecaySchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    protected final double initial;
    protected final double last;
    protected final int steps;

    /**
     * @param initial the value at step 0
     * @param last the value from step {@code steps} on
     * @param steps S, the length of the decay, at least 1
     */
    protected DecaySchedule(double initial, double last, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, found " + steps);
        }
        this.initial = initial;
        this.last = last;
        this.steps = steps;
    }

    @Override
    public abstract DecaySchedule clone();

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((DecaySchedule) other).initial == initial
                && ((DecaySchedule) other).last == last && ((DecaySchedule) other).steps == steps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), initial, last, steps);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + initial + " to " + last + " over " + steps + " steps)";
    }
}
