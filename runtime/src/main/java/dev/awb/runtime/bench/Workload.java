package dev.awb.runtime.bench;

/**
 * A benchmark step built and ready to time, and the number of trainable scalars it touches.
 *
 * @param step one run of the workload: {@code stepsPerRun} forward + backward (+ update) passes
 * @param parameters trainable scalars
 * @param stepsPerRun how many steps one run of {@code step} performs (timings are reported per step)
 */
record Workload(Runnable step, long parameters, int stepsPerRun) {
    Workload(Runnable step, long parameters) {
        this(step, parameters, 1);
    }
}
