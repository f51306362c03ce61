package dev.awb.runtime.bench;

import java.util.List;
import java.util.Map;

/**
 * What a child process measured for one {@link CellSpec}, written as JSON by both sides ({@code torch_bench.py}
 * writes the same fields).
 *
 * @param side {@code awb} or {@code torch}
 * @param label where the numbers come from: awb's native variant ({@code avx512}, {@code generic}) or torch's version
 * @param workload the spec's workload
 * @param variant the spec's attention variant
 * @param length the spec's length
 * @param ms median wall time of one step (forward + backward, plus the update for the step workload)
 * @param minMs the fastest repetition's time per step
 * @param reps repetitions used
 * @param discarded repetitions discarded for contention
 * @param inner steps per repetition
 * @param foreignLoad mean CPU load (cores) of other processes during the used repetitions
 * @param quietWaitSeconds seconds the child waited for a quiet machine
 * @param contended fewer clean repetitions than wanted
 * @param samplesMs every used repetition's time per step
 * @param peakBytes the child's peak resident memory (VmHWM), everything in the process included
 * @param parameters trainable scalars of the measured network
 * @param canaryCopyGbs memory-copy bandwidth (read + write, GB/s) measured by the child just before the cell
 * @param canaryGemmGflops a 1024³ float32 matrix product's GFLOP/s, same moment, the cell's threads
 * @param wallSeconds the child's wall time from start to result
 * @param environment what the child ran on (native library, BLAS, threads, versions)
 * @param error why the cell failed (out of memory, ...), or null
 * @param cpuMs median CPU time of the child process (all threads) per step, which other processes' load does not
 *     inflate as it does wall time
 * @param faultsPerStep median minor page faults of the child per step: fresh memory the step maps and the kernel
 *     zeroes, a cost of allocation that load does not distort
 */
public record CellResult(String side, String label, String workload, String variant, int length, double ms,
        double minMs, int reps, int discarded, int inner, double foreignLoad, double quietWaitSeconds, boolean contended,
        List<Double> samplesMs, long peakBytes, long parameters, double canaryCopyGbs, double canaryGemmGflops,
        double wallSeconds, Map<String, String> environment, String error, double cpuMs,
        double faultsPerStep) {

    /** A failed cell: only the identity, the environment and the reason. */
    static CellResult failed(String side, String label, CellSpec spec, Map<String, String> environment, String error) {
        return new CellResult(side, label, spec.workload(), spec.variant(), spec.length(), Double.NaN, Double.NaN, 0, 0, 0,
                0, 0, false, List.of(), -1, 0, Double.NaN, Double.NaN, 0, environment, error, Double.NaN,
                Double.NaN);
    }

    /** Whether the cell was measured (no error). */
    public boolean ok() {
        return error == null;
    }
}
