package dev.awb.api.pooling;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a pooling reduces.
 *
 * @param scope unique name prefix for the weights and operations of this pooling, e.g. {@code head/pool}
 * @param x the sequence, [batch, length, width]
 * @param paddingMask 1 for real positions and 0 for padding, [batch, length]; null when nothing is padded.
 *     Padded positions must not contribute.
 * @param length the (fixed) sequence length
 * @param width the last dimension of {@code x}
 */
public record PoolingInputs(String scope, SDVariable x, SDVariable paddingMask, int length, int width) {
    public PoolingInputs {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(x, "x");
    }
}
