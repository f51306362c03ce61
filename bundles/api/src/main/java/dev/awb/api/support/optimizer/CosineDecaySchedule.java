package dev.awb.api.support.optimizer;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine decay without restarts (Loshchilov &amp; Hutter 2017, "SGDR", eq. 5 with a single cycle): at step
 * {@code t} the value is {@code last + (initial − last) · ½ · (1 + cos(π · min(t, S) / S))}, falling from
 * {@code initial} at step 0 to {@code last} at step {@code S} and staying there.
 *
 * <p>Lives in the SPI's jar (not in a plugin) so that saved training configurations naming it deserialize from
 * the host's class path.
 */
public final class CosineDecaySchedule extends DecaySchedule {
    private static final long serialVersionUID = 1L;

    /**
     * @param initial the value at step 0
     * @param last the value from step {@code steps} on
     * @param steps S, the length of the decay, at least 1
     */
    @JsonCreator
    public CosineDecaySchedule(@JsonProperty("initial") double initial, @JsonProperty("last") double last,
            @JsonProperty("steps") int steps) {
        super(initial, last, steps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double progress = Math.min(iteration, steps) / (double) steps;
        return last + (initial - last) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public CosineDecaySchedule clone() {
        return new CosineDecaySchedule(initial, last, steps);
    }
}
