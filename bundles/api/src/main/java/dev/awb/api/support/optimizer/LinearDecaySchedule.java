package dev.awb.api.support.optimizer;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear decay: at step {@code t} the value is {@code initial − (initial − last) · min(t, S) / S}, falling from
 * {@code initial} at step 0 to {@code last} at step {@code S} and staying there (ND4J's {@code PolySchedule}
 * with power 1 decays only to 0).
 *
 * <p>Lives in the SPI's jar (not in a plugin) so that saved training configurations naming it deserialize from
 * the host's class path.
 */
public final class LinearDecaySchedule extends DecaySchedule {
    private static final long serialVersionUID = 1L;

    /**
     * @param initial the value at step 0
     * @param last the value from step {@code steps} on
     * @param steps S, the length of the decay, at least 1
     */
    @JsonCreator
    public LinearDecaySchedule(@JsonProperty("initial") double initial, @JsonProperty("last") double last,
            @JsonProperty("steps") int steps) {
        super(initial, last, steps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return initial - (initial - last) * Math.min(iteration, steps) / steps;
    }

    @Override
    public LinearDecaySchedule clone() {
        return new LinearDecaySchedule(initial, last, steps);
    }
}
