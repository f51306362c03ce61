package dev.awb.runtime.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A diagnostic profile of training steps: per op type the number of executions and the time inside them, and per
 * step the wall time, the time outside any op (SameDiff's session: dependency tracking, array bookkeeping,
 * listeners) and the process's resident and JavaCPP-tracked bytes.
 *
 * <p>Switched on with the system property {@code awb.profile=true} (e.g. {@code AWB_JAVA_OPTS=-Dawb.profile=true
 * awb bench}); the summary goes to standard error when the JVM exits. The first {@link #WARMUP} steps are left out.
 * Timing each op adds two {@code nanoTime} calls per op, which is negligible next to the ops themselves.
 */
final class OpProfile extends BaseListener {
    static final String PROPERTY = "awb.profile";
    private static final int WARMUP = 2;

    private final String label;
    private final Map<String, long[]> byOp = new HashMap<>();
    private long opStart;
    private long stepStart;
    private long stepOpNanos;
    private int stepOps;
    private int steps;
    private long totalStepNanos;
    private long operationStart;
    private long stepNanosAtOperationStart;
    private int stepsAtOperationStart;
    private long allStepNanos;
    private int operationSteps;
    private long totalOperationNanos;
    private int operations;
    private long totalOpNanos;
    private long totalOps;
    private long peakPhysical;
    private long peakTracked;
    private long lastPhysical;
    private long lastTracked;
    private final StringBuilder trace = new StringBuilder();

    private OpProfile(String label) {
        this.label = label;
    }

    /** A profile registered to print at exit when {@value #PROPERTY} is set; otherwise null. */
    static OpProfile ifRequested(String label) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return null;
        }
        OpProfile profile = new OpProfile(label);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> profile.print(System.err), "awb-op-profile"));
        return profile;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void operationStart(SameDiff sd, Operation operation) {
        operationStart = System.nanoTime();
        stepNanosAtOperationStart = allStepNanos;
        stepsAtOperationStart = steps;
    }

    @Override
    public synchronized void operationEnd(SameDiff sd, Operation operation) {
        if (stepsAtOperationStart >= WARMUP) {
            // What the fit() call spent outside its steps: session set-up and tear-down, the iterator, listeners.
            totalOperationNanos += System.nanoTime() - operationStart - (allStepNanos - stepNanosAtOperationStart);
            operationSteps += steps - stepsAtOperationStart;
            operations++;
        }
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlTime) {
        stepOps = 0;
        stepOpNanos = 0;
        stepStart = System.nanoTime();
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        opStart = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
            INDArray[] outputs) {
        long nanos = System.nanoTime() - opStart;
        stepOps++;
        stepOpNanos += nanos;
        if (steps >= WARMUP) {
            long[] entry = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
            entry[0]++;
            entry[1] += nanos;
        }
    }

    @Override
    public synchronized void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        long nanos = System.nanoTime() - stepStart;
        lastPhysical = Pointer.physicalBytes();
        lastTracked = Pointer.totalBytes();
        peakPhysical = Math.max(peakPhysical, lastPhysical);
        peakTracked = Math.max(peakTracked, lastTracked);
        allStepNanos += nanos;
        if (steps < 64) {
            trace.append(' ').append(lastPhysical >> 20);
        }
        if (steps++ >= WARMUP) {
            totalStepNanos += nanos;
            totalOpNanos += stepOpNanos;
            totalOps += stepOps;
        }
    }

    synchronized void print(PrintStream out) {
        int measured = steps - WARMUP;
        if (measured <= 0) {
            return;
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n[profile] %s: %d steps measured; per step %.1f ms wall, %d ops, "
                        + "%.1f ms inside ops, %.1f ms outside (%.0f us per op outside); "
                        + "physical %d MiB (peak %d), JavaCPP-tracked %d MiB (peak %d)%n", label, measured,
                totalStepNanos / 1e6 / measured, totalOps / measured, totalOpNanos / 1e6 / measured,
                (totalStepNanos - totalOpNanos) / 1e6 / measured,
                (totalStepNanos - totalOpNanos) / 1e3 / Math.max(1, totalOps), lastPhysical >> 20, peakPhysical >> 20,
                lastTracked >> 20, peakTracked >> 20));
        s.append("[profile] resident MiB after each of the first steps:").append(trace).append('\n');
        if (operations > 0) {
            s.append(String.format(Locale.ROOT, "[profile] per fit() call (%.1f steps) %.1f ms outside its steps, "
                            + "%.1f ms per step%n", operationSteps / (double) operations,
                    totalOperationNanos / 1e6 / operations, totalOperationNanos / 1e6 / Math.max(1, operationSteps)));
        }
        s.append("| op | per step | ms per step | us per call | share of op time |\n|---|---|---|---|---|\n");
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byOp.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        for (Map.Entry<String, long[]> row : rows) {
            long[] v = row.getValue();
            s.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.1f%% |%n", row.getKey(),
                    v[0] / (double) measured, v[1] / 1e6 / measured, v[1] / 1e3 / v[0], 100.0 * v[1] / totalOpNanos));
        }
        out.print(s);
        out.flush();
    }
}
