package dev.awb.runtime.study;

import dev.awb.runtime.build.BuildInfo;
import dev.awb.runtime.device.NativeVariant;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.Trial;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Captures the {@link Provenance} of a trial's attempt in this process. Every probe degrades to a reason in
 * brackets instead of failing: provenance must never be why a trial fails.
 */
public final class ProvenanceProbe {
    /** Environment variables that change how the numeric backend runs. */
    private static final List<String> BACKEND_VARIABLES = List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY",
            "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BACKEND_PRIORITY_CPU",
            "BACKEND_PRIORITY_GPU", "CUDA_VISIBLE_DEVICES", "AWB_NATIVE");

    private ProvenanceProbe() {
    }

    /** The provenance of {@code trial} run by this process now. */
    public static Provenance capture(Trial trial) {
        BuildInfo build = BuildInfo.load();
        return new Provenance(Instant.now().toString(), TrialRun.workerName(), trial.seed(), trial.dataHashesNow(),
                new Provenance.Code(build.version(), build.revision()), bundles(trial), backend(), jvm(), os(),
                new Provenance.Cpu(cpuModel(), Runtime.getRuntime().availableProcessors()), gpus());
    }

    /** Every bundle loaded alongside the trial's plugins, with the ones the trial uses marked. */
    static List<Provenance.BundleJar> bundles(Trial trial) {
        Set<Bundle> used = new LinkedHashSet<>();
        nodes(trial).map(node -> FrameworkUtil.getBundle(node.plugin().service().getClass()))
                .filter(Objects::nonNull).forEach(used::add);
        Set<Bundle> all = new LinkedHashSet<>(used);
        used.stream().map(Bundle::getBundleContext).filter(Objects::nonNull).findFirst()
                .ifPresent(context -> all.addAll(Arrays.asList(context.getBundles())));
        return all.stream().filter(b -> b.getBundleId() != 0)
                .sorted(Comparator.comparing(Bundle::getSymbolicName, Comparator.nullsLast(String::compareTo)))
                .map(b -> new Provenance.BundleJar(b.getSymbolicName(), b.getVersion().toString(), b.getLocation(),
                        sha256(b.getLocation()), used.contains(b)))
                .toList();
    }

    private static Stream<ResolvedNode> nodes(Trial trial) {
        return Stream.concat(Stream.of(trial.dataset(), trial.attention(), trial.model(), trial.positional(),
                trial.pooling(), trial.optimizer()), trial.metrics().stream())
                .filter(node -> node != null && node.plugin() != null && node.plugin().service() != null);
    }

    /** The SHA-256 (hex) of the jar at a bundle location ({@code file:} URI, possibly as {@code reference:}). */
    static String sha256(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!uri.startsWith("file:")) {
            return "[not a file: " + location + "]";
        }
        try (InputStream in = Files.newInputStream(Path.of(URI.create(uri)))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | IllegalArgumentException | NoSuchAlgorithmException e) {
            return "[unreadable: " + e + "]";
        }
    }

    /** The ND4J backend of this process: class, JNI library (naming the native variant), CPU levels, BLAS, threads. */
    public static Provenance.Backend backend() {
        try {
            // The backend first: it sets up what NativeOpsHolder's initialisation needs (touched first, that fails
            // for the life of the JVM).
            String backend = Nd4j.getBackend().getClass().getName();
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            Environment environment = Nd4j.getEnvironment();
            Map<String, String> threads = new LinkedHashMap<>();
            threads.put("nd4j.maxThreads", String.valueOf(environment.maxThreads()));
            threads.put("nd4j.maxMasterThreads", String.valueOf(environment.maxMasterThreads()));
            threads.put("blas.maxThreads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
            // Which of the distribution's native builds the launcher chose, and why (the library path names it too).
            threads.put("awb.native", NativeVariant.current().describe());
            BACKEND_VARIABLES.forEach(name -> {
                if (System.getenv(name) != null) {
                    threads.put(name, System.getenv(name));
                }
            });
            return new Provenance.Backend(backend, nativeLibrary(ops), level(ops.binaryLevel()),
                    level(ops.optimalLevel()), blas(environment), threads);
        } catch (RuntimeException | LinkageError e) {
            String reason = "[ND4J did not load: " + e + "]";
            return new Provenance.Backend(reason, reason, reason, reason, reason, Map.of());
        }
    }

    /**
     * The file JavaCPP loaded ND4J's JNI library from: its path in the JavaCPP cache names the jar and so the
     * variant ({@code .../nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar/.../libjnind4jcpu.so}). The class of the
     * native operations is no help: it sits in the classifier-less jar whichever variant is loaded.
     */
    private static String nativeLibrary(NativeOps ops) {
        return Loader.getLoadedLibraries().entrySet().stream().filter(e -> e.getKey().startsWith("jnind4j"))
                .map(Map.Entry::getValue).findFirst()
                .orElse("[no jnind4j* library among JavaCPP's loaded libraries; operations from "
                        + ops.getClass().getName() + "]");
    }

    /**
     * The BLAS vendor and version: ND4J's environment leaves the version at 0.0.0 for OpenBLAS, whose JavaCPP
     * preset carries it as a constant.
     */
    private static String blas(Environment environment) {
        String vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        if ("OPENBLAS".equals(vendor)) {
            try {
                Object version = Class.forName("org.bytedeco.openblas.global.openblas").getField("OPENBLAS_VERSION")
                        .get(null);
                return String.valueOf(version).trim();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Fall back to what ND4J says.
            }
        }
        return vendor + " " + environment.blasMajorVersion() + "." + environment.blasMinorVersion() + "."
                + environment.blasPatchVersion();
    }

    /** ND4J's name for a CPU instruction-set level, read from the CPU backend when it is the one loaded. */
    public static String level(int level) {
        try {
            Class<?> factory = Class.forName("org.nd4j.linalg.cpu.nativecpu.CpuNDArrayFactory");
            Method name = factory.getDeclaredMethod("cpuBinaryLevelToName", int.class);
            name.setAccessible(true);
            return name.invoke(null, level) + " (" + level + ")";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return String.valueOf(level);
        }
    }

    private static Provenance.Jvm jvm() {
        return new Provenance.Jvm(System.getProperty("java.vendor"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory());
    }

    private static Provenance.Os os() {
        String worker = TrialRun.workerName();
        return new Provenance.Os(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), worker.substring(0, worker.lastIndexOf(':')));
    }

    /** The CPU's model name from {@code /proc/cpuinfo} (Linux), else {@code unknown}. */
    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The GPUs {@code nvidia-smi} lists, or none when it is not on the {@code PATH} or fails. */
    static List<Provenance.Gpu> gpus() {
        Path smi = onPath("nvidia-smi");
        if (smi == null) {
            return List.of();
        }
        try {
            Process process = new ProcessBuilder(smi.toString(), "--query-gpu=name,memory.total,driver_version,uuid",
                    "--format=csv,noheader").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            return parseNvidiaSmi(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The GPUs in the output of {@code nvidia-smi --query-gpu=name,memory.total,driver_version,uuid
     * --format=csv,noheader}: one comma-separated line per GPU.
     */
    static List<Provenance.Gpu> parseNvidiaSmi(String output) {
        List<Provenance.Gpu> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.split(",");
            if (fields.length == 4) {
                gpus.add(new Provenance.Gpu(fields[0].trim(), fields[1].trim(), fields[2].trim(), fields[3].trim()));
            }
        }
        return gpus;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}
