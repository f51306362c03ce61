package dev.awb.api.metric;

/**
 * What the runtime measured about a trial's cost up to an evaluation.
 *
 * @param trainTokensPerSecond real (unpadded) tokens per second of the training steps so far (forward, backward and
 *     update), NaN before the first step
 * @param inferenceTokensPerSecond real tokens per second of this evaluation's forward passes over the split
 * @param peakMemoryBytes the largest resident set size of the process (heap and off-heap, as JavaCPP's
 *     {@code Pointer.physicalBytes()}) sampled after each training step and evaluation so far
 * @param parameters the number of trainable scalars of the model
 */
public record Measurements(double trainTokensPerSecond, double inferenceTokensPerSecond, long peakMemoryBytes,
        long parameters) {
}
