package dev.awb.api.pooling;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The result of a pooling.
 *
 * @param pooled one vector per example, [batch, width]
 * @param weights the weight of each position in the pooled vector, [batch, length], rows summing to 1 over real
 *     positions (a weighted average); null for poolings that are not averages
 */
public record PoolingOutput(SDVariable pooled, SDVariable weights) {
    public PoolingOutput {
        Objects.requireNonNull(pooled, "pooled");
    }
}
