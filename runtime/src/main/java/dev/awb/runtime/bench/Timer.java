package dev.awb.runtime.bench;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;

/**
 * Times an action: warm-up runs, then repetitions until both a minimum count and a minimum total time are
 * reached (capped by a maximum count); reports the median and the peak physical memory of the process.
 */
final class Timer {
    /** Median wall time of one run and the process's peak physical bytes seen during the runs. */
    record Measurement(double medianMs, double minMs, int runs, long peakBytes) {
    }

    private final int warmup;
    private final int minRuns;
    private final int maxRuns;
    private final double minSeconds;

    Timer(int warmup, int minRuns, int maxRuns, double minSeconds) {
        this.warmup = warmup;
        this.minRuns = minRuns;
        this.maxRuns = maxRuns;
        this.minSeconds = minSeconds;
    }

    Measurement measure(Runnable action) {
        long peak = Pointer.physicalBytes();
        for (int i = 0; i < warmup; i++) {
            action.run();
            peak = Math.max(peak, Pointer.physicalBytes());
        }
        double[] times = new double[maxRuns];
        int runs = 0;
        double total = 0;
        while (runs < maxRuns && (runs < minRuns || total < minSeconds)) {
            long t0 = System.nanoTime();
            action.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, Pointer.physicalBytes());
            times[runs++] = seconds * 1e3;
            total += seconds;
        }
        double[] done = Arrays.copyOf(times, runs);
        Arrays.sort(done);
        double median = runs % 2 == 1 ? done[runs / 2] : (done[runs / 2 - 1] + done[runs / 2]) / 2;
        return new Measurement(median, done[0], runs, peak);
    }
}
