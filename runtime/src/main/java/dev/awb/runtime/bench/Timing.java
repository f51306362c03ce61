package dev.awb.runtime.bench;

/**
 * How a benchmark cell is timed, the same on the awb and the PyTorch side.
 *
 * @param warmup untimed runs before timing (at least one)
 * @param minWarmupSeconds keep warming up until this much time has passed
 * @param reps timed repetitions wanted (the median is reported)
 * @param minRepSeconds a repetition runs the step back to back until it lasts at least this long ({@code inner} times)
 * @param budgetSeconds stop timing after this long once at least one repetition is in (slow cells: soft attention
 *     at L=4096 takes over a minute a step)
 * @param maxForeign a repetition during which other processes used more than this many cores is discarded and
 *     repeated (up to 3 × {@code reps} attempts)
 * @param quietWaitSeconds before timing, wait at most this long for two quiet seconds
 */
public record Timing(int warmup, double minWarmupSeconds, int reps, double minRepSeconds, double budgetSeconds,
        double maxForeign, double quietWaitSeconds) {
}
