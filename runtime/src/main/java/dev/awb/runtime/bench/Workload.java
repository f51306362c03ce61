package dev.awb.runtime.bench;

/**
 * A benchmark step built and ready to time, and the number of trainable scalars it touches.
 *
 * @param step one forward + backward (+ update) of the workload
 * @param parameters trainable scalars
 */
record Workload(Runnable step, long parameters) {
}
