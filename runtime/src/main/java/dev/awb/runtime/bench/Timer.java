package dev.awb.runtime.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times a step under a contention guard: warm-up, a wait for a quiet machine, then repetitions of {@code inner}
 * back-to-back steps each, discarding those during which other processes took more than the allowed CPU
 * ({@link CpuLoad}). Reports the median time of one step over the clean repetitions (over all of them, flagged
 * contended, when too few were clean).
 */
final class Timer {
    /**
     * One timed step.
     *
     * @param medianMs median wall time of one step
     * @param minMs the fastest repetition's time per step
     * @param reps repetitions the median is over
     * @param discarded repetitions discarded for contention
     * @param inner steps per repetition
     * @param foreignLoad mean foreign load (cores) during the repetitions used
     * @param quietWaitSeconds seconds waited for a quiet machine before timing
     * @param contended fewer clean repetitions than wanted
     * @param samplesMs every used repetition's time per step
     * @param cpuMs median CPU time of this process (all its threads) per step: unlike wall time, it does not grow
     *     when other processes take the CPU away, so it compares sides measured on a busy machine
     * @param faultsPerStep median minor page faults of this process per step (memory mapped afresh each step)
     */
    record Measurement(double medianMs, double minMs, int reps, int discarded, int inner, double foreignLoad,
            double quietWaitSeconds, boolean contended, List<Double> samplesMs, double cpuMs, double faultsPerStep) {
    }

    private final Timing timing;

    Timer(Timing timing) {
        this.timing = timing;
    }

    Measurement measure(Runnable step) {
        return measure(step, 1);
    }

    /** Times {@code run}, which performs {@code stepsPerRun} steps; every figure is per step. */
    Measurement measure(Runnable run, int stepsPerRun) {
        Runnable step = run;
        long warmStart = System.nanoTime();
        double lastStep = 0;
        for (int i = 0; i < Math.max(1, timing.warmup()) || seconds(warmStart) < timing.minWarmupSeconds(); i++) {
            long t0 = System.nanoTime();
            step.run();
            lastStep = seconds(t0);
        }
        int inner = (int) Math.max(1, Math.ceil(timing.minRepSeconds() / Math.max(lastStep, 1e-6)));
        double waited = CpuLoad.waitForQuiet(timing.maxForeign(), timing.quietWaitSeconds());
        List<double[]> clean = new ArrayList<>();
        List<double[]> noisy = new ArrayList<>();
        long timedStart = System.nanoTime();
        for (int attempt = 0; attempt < 3 * timing.reps() && clean.size() < timing.reps(); attempt++) {
            if (!(clean.isEmpty() && noisy.isEmpty()) && seconds(timedStart) > timing.budgetSeconds()) {
                break;
            }
            CpuLoad.Sample before = CpuLoad.sample();
            long cpuBefore = CpuLoad.processCpuNanos();
            long faultsBefore = CpuLoad.minorFaults();
            for (int i = 0; i < inner; i++) {
                step.run();
            }
            long cpuAfter = CpuLoad.processCpuNanos();
            long faultsAfter = CpuLoad.minorFaults();
            CpuLoad.Sample after = CpuLoad.sample();
            double steps = (double) inner * stepsPerRun;
            double[] rep = {(after.nanos() - before.nanos()) / 1e6 / steps, after.foreignSince(before),
                (cpuAfter - cpuBefore) / 1e6 / steps, (faultsAfter - faultsBefore) / steps};
            (rep[1] <= timing.maxForeign() ? clean : noisy).add(rep);
        }
        boolean contended = clean.size() < timing.reps();
        List<double[]> used = clean.isEmpty() ? noisy : clean;
        double[] times = used.stream().mapToDouble(r -> r[0]).sorted().toArray();
        int n = times.length;
        double median = median(times);
        double foreign = used.stream().mapToDouble(r -> r[1]).average().orElse(0);
        return new Measurement(median, times[0], n, noisy.size(), inner, foreign, waited, contended,
                Arrays.stream(times).boxed().toList(), median(used.stream().mapToDouble(r -> r[2]).sorted().toArray()),
                median(used.stream().mapToDouble(r -> r[3]).sorted().toArray()));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
