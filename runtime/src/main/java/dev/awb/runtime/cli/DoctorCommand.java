package dev.awb.runtime.cli;

import dev.awb.runtime.build.BuildInfo;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.device.Gpu;
import dev.awb.runtime.device.LoadedBackend;
import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.device.NvidiaSmi;
import dev.awb.runtime.device.VisibleGpus;
import dev.awb.runtime.study.ProvenanceProbe;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb doctor}: what this machine and this distribution give a trial: Java, the ND4J backend and the
 * native variant actually loaded, BLAS, threads, memory limits, whether the CUDA backend is here and loaded, and
 * the GPUs ({@code nvidia-smi}) this process may use.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report Java, the ND4J backend and native variant loaded, BLAS, threads, memory limits, the CUDA"
                + " backend and the GPUs (nvidia-smi: index, name, memory, driver) visible to trials.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:ND4J loaded", "1:ND4J could not be loaded"})
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--cuda-probe", hidden = true,
            description = "Print only whether ND4J loads its CUDA backend in this process (exit 0) or why not (exit 1);"
                    + " run in a child JVM by 'awb run'/'awb validate' before a CUDA study is planned.")
    boolean cudaProbe;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (cudaProbe) {
            String failure = cudaProbe();
            out.println(failure == null ? "CUDA backend loaded" : failure);
            return failure == null ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        // Probe CUDA before ND4J does: only the first attempt in a process names the real cause.
        LoadedBackend.cudaFailure();
        Runtime runtime = Runtime.getRuntime();
        BuildInfo build = BuildInfo.load();
        line(out, "awb", build.version() + " (revision " + build.revision() + ")");
        line(out, "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + runtime.availableProcessors() + " cores available");
        line(out, "heap", "max " + gib(runtime.maxMemory()));
        line(out, "off-heap", "JavaCPP max " + gib(Pointer.maxBytes()) + ", max physical " + gib(Pointer.maxPhysicalBytes())
                + " (set org.bytedeco.javacpp.maxbytes / maxphysicalbytes)");
        line(out, "physical memory", gib(physicalMemory()) + ", cgroup limit " + cgroupLimit());
        line(out, "native cache", Loader.getCacheDir().getAbsolutePath());
        line(out, "nd4j backend", Nd4j.getBackend().getClass().getSimpleName() + " ("
                + Nd4j.getExecutioner().getClass().getSimpleName() + ")");
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        line(out, "native variant", NativeVariant.current().describe() + "; binary level "
                + ProvenanceProbe.level(ops.binaryLevel()) + ", CPU supports " + ProvenanceProbe.level(ops.optimalLevel())
                + "; shipped: " + NativeVariant.available(HostOptions.distribution()));
        line(out, "blas", Nd4j.factory().blas().getBlasVendor() + ", " + Nd4j.factory().blas().getMaxThreads()
                + " thread(s)");
        line(out, "threads", "OMP_NUM_THREADS=" + env("OMP_NUM_THREADS") + ", OMP_WAIT_POLICY="
                + env("OMP_WAIT_POLICY") + ", OPENBLAS_CORETYPE=" + env("OPENBLAS_CORETYPE"));
        line(out, "cuda backend", cudaBackend());
        gpus(out);
        return ExitCodes.OK;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-16s %s%n", key + ":", value);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String cgroupLimit() {
        try {
            Path limit = Path.of("/sys/fs/cgroup/memory.max");
            if (Files.isReadable(limit)) {
                String value = Files.readString(limit).trim();
                return "max".equals(value) ? "none" : gib(Long.parseLong(value));
            }
        } catch (IOException | NumberFormatException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        return "none found";
    }

    /** Why ND4J does not run on CUDA in this process, or null when it does. */
    private static String cudaProbe() {
        if (!LoadedBackend.cudaInDistribution()) {
            return "CUDA backend " + dev.awb.runtime.device.CudaAvailability.NOT_IN_DISTRIBUTION;
        }
        String failure = LoadedBackend.cudaFailure();
        if (failure != null) {
            return "the CUDA backend is in this distribution but does not load: " + failure;
        }
        return LoadedBackend.isCuda() ? null : "the CUDA backend is in this distribution but ND4J loaded "
                + LoadedBackend.name() + " (" + DeviceAssignment.BACKEND_PRIORITY_GPU + "="
                + env(DeviceAssignment.BACKEND_PRIORITY_GPU) + ")";
    }

    /** Whether the CUDA backend is in this distribution, loaded, or why not. */
    private static String cudaBackend() {
        if (!LoadedBackend.cudaInDistribution()) {
            return dev.awb.runtime.device.CudaAvailability.NOT_IN_DISTRIBUTION;
        }
        if (LoadedBackend.isCuda()) {
            return "loaded (" + LoadedBackend.name() + ")";
        }
        String failure = LoadedBackend.cudaFailure();
        return "in this distribution but not loaded: " + (failure != null ? failure
                : "ND4J preferred the CPU (" + DeviceAssignment.BACKEND_PRIORITY_CPU + "=" + env(DeviceAssignment.BACKEND_PRIORITY_CPU)
                        + ", " + DeviceAssignment.BACKEND_PRIORITY_GPU + "=" + env(DeviceAssignment.BACKEND_PRIORITY_GPU) + ")");
    }

    /** The machine's GPUs as nvidia-smi lists them, and the ones this process may use. */
    private static void gpus(PrintWriter out) {
        NvidiaSmi.Listing listing = NvidiaSmi.query();
        if (!listing.answered()) {
            line(out, "gpus", "none listed: " + listing.problem()
                    + (new File("/dev/nvidia0").exists() ? " (but /dev/nvidia0 exists)" : ""));
        } else {
            line(out, "gpus", listing.gpus().size() + " (nvidia-smi)");
            for (Gpu gpu : listing.gpus()) {
                line(out, "  gpu " + gpu.index(), gpu.name() + ", " + (gpu.memoryMib() < 0 ? "memory unknown"
                        : gpu.memoryMib() + " MiB") + ", driver " + gpu.driver() + ", " + gpu.uuid());
            }
        }
        line(out, "visible gpus", VisibleGpus.of(System.getenv(), () -> listing).toString());
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "unset" : value;
    }
}
