package dev.awb.attention.hard;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.random.impl.DropOut;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard Gumbel noise g = −log(−log u), u uniform on (0, 1), of the (dynamic) shape of a tensor; drawn afresh
 * at every execution from ND4J's global generator, so it differs per step and repeats for a repeated seed.
 *
 * <p>Why bits: in ND4J/SameDiff 1.0.0-M2.1 the uniform op with a dynamic shape ({@code DistributionUniform})
 * returns the same numbers at every inference and ignores the global seed in training, and the static-shape op
 * cannot follow a variable batch size. The legacy dropout op, applied to a tensor of ones, does take its shape
 * from its input and draws from the seeded global generator; with keep probability ½ it yields fair random bits.
 * {@value #BITS} bits per draw give u on a grid of step 2⁻¹⁶ offset by half a step, so u is never 0 or 1 and the
 * Gumbel tails are cut at about −2.5 and 11.8, each of probability below 10⁻⁵.
 */
final class GumbelNoise {
    static final int BITS = 16;

    private GumbelNoise() {
    }

    /**
     * Gumbel(0, 1) noise for scores of shape [batch, heads, length, length], with no gradient path back to them;
     * its constants are named under {@code scope}.
     *
     * <p>The tensor of ones is filled from the scores' integer shape, not derived from the scores themselves:
     * SameDiff differentiates every op on a floating-point path from the weights, even behind a stop-gradient,
     * and the dropout op has no derivative.
     */
    static SDVariable like(SameDiff sd, String scope, SDVariable scores, int heads, int length) {
        SDVariable shape = sd.concat(0, sd.shape(scores), sd.constant(scope + "/gumbel/bits",
                Nd4j.createFromArray((long) BITS)));
        // FLOAT throughout: SameDiff declares the legacy dropout op's output FLOAT whatever its input, and 16 bits
        // are exact in a float's 24-bit mantissa.
        SDVariable bits = new DropOut(sd, sd.fill(shape, DataType.FLOAT, 1.0), 0.5).outputVariable();
        double[] place = new double[BITS];
        for (int k = 0; k < BITS; k++) {
            place[k] = Math.pow(2, -(k + 1));
        }
        SDVariable weights = sd.constant(scope + "/gumbel/place",
                Nd4j.createFromArray(place).castTo(DataType.FLOAT).reshape(BITS, 1));
        SDVariable uniform = sd.reshape(sd.reshape(bits, -1, BITS).mmul(weights), -1, heads, length, length)
                .add(Math.pow(2, -(BITS + 1)));
        return sd.math.log(sd.math.log(uniform).neg()).neg().castTo(scores.dataType());
    }
}
