package dev.awb.runtime.bench;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's state right before a cell, measured with ND4J: memory-copy bandwidth (a 256 MiB float32 array
 * assigned to another, read + write bytes) and the GFLOP/s of a 1024³ float32 matrix product, each the median of
 * five. The host behind a VM is shared with load no contention guard inside it can see; comparing canaries
 * across cells tells a slow cell from a slow moment.
 */
final class Canary {
    record Reading(double copyGbs, double gemmGflops) {
    }

    private Canary() {
    }

    static Reading measure() {
        long n = 64L << 20;
        double copy;
        try (INDArray a = Nd4j.rand(DataType.FLOAT, n); INDArray b = Nd4j.create(DataType.FLOAT, n)) {
            copy = 2.0 * n * 4 / median(() -> b.assign(a)) / 1e9;
        }
        double gemm;
        try (INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024); INDArray b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
                INDArray c = Nd4j.create(DataType.FLOAT, 1024, 1024)) {
            gemm = 2.0 * 1024 * 1024 * 1024 / median(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)) / 1e9;
        }
        return new Reading(copy, gemm);
    }

    /** Median seconds of five runs after one warm-up. */
    private static double median(Runnable action) {
        action.run();
        double[] seconds = new double[5];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            action.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[2];
    }
}
