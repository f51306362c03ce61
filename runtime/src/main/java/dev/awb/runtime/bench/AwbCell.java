package dev.awb.runtime.bench;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.launch.PluginRegistry;
import dev.awb.runtime.study.ProvenanceProbe;
import dev.awb.runtime.study.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The awb side of one benchmark cell, run in a process of its own ({@code awb bench --cell}): canary, high-water
 * mark reset, the workload built from the installed plugins, timed under the contention guard, then the process's
 * peak resident memory.
 */
public final class AwbCell {
    private AwbCell() {
    }

    /** Measures {@code spec}; a failure (out of memory, a plugin that does not build) becomes a failed result. */
    public static CellResult run(CellSpec spec, PluginRegistry registry) {
        long start = System.nanoTime();
        Map<String, String> environment = environment();
        String label = NativeVariant.current().name();
        try {
            Canary.Reading canary = Canary.measure();
            PeakMemory.reset();
            Workload workload = prepare(spec, registry);
            Timer.Measurement m = new Timer(spec.timing()).measure(workload.step(), workload.stepsPerRun());
            return new CellResult("awb", label, spec.workload(), spec.variant(), spec.length(), m.medianMs(), m.minMs(),
                    m.reps(), m.discarded(), m.inner(), m.foreignLoad(), m.quietWaitSeconds(), m.contended(),
                    m.samplesMs(), PeakMemory.highWaterMark(), workload.parameters(), canary.copyGbs(),
                    canary.gemmGflops(), (System.nanoTime() - start) / 1e9, environment, null, m.cpuMs(),
                    m.faultsPerStep());
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse("");
            return CellResult.failed("awb", label, spec, environment, message);
        }
    }

    private static Workload prepare(CellSpec spec, PluginRegistry registry) {
        if (CellSpec.STEP.equals(spec.workload())) {
            return TrainStepBench.prepare(StepTrial.of(registry, Path.of(spec.experiment()), spec.variant(), spec.heads()),
                    spec.length(), spec.stepBatch());
        }
        PluginDescriptor mechanism = StepTrial.mechanism(registry, spec.variant());
        return AttentionKernelBench.prepare((AttentionMechanism) mechanism.service(), Params.defaults(mechanism.params()),
                spec);
    }

    /** The native library, BLAS and threads this process runs with, as provenance records them. */
    static Map<String, String> environment() {
        Provenance.Backend backend = ProvenanceProbe.backend();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("library", backend.nativeLibrary());
        environment.put("binary level", backend.binaryLevel());
        environment.put("cpu level", backend.cpuLevel());
        environment.put("blas", backend.blas());
        backend.threads().forEach(environment::put);
        environment.putAll(MallocSettings.current());
        environment.put("java", System.getProperty("java.runtime.version"));
        return environment;
    }
}
