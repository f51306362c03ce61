package dev.awb.runtime.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * Where a trial's attempt ran and with what: the worker, code revision, seed, every loaded plugin bundle
 * (symbolic name, version, jar and its SHA-256, whether the trial used it), the ND4J backend and native
 * variant actually loaded, the JVM, the operating system, the CPU and the GPUs. Captured by
 * {@link ProvenanceProbe} when the attempt starts and stored with the trial as JSON; the resolved
 * configuration is stored beside it.
 *
 * @param captured when it was captured (ISO-8601)
 * @param worker the process that ran the attempt ({@code host:pid})
 * @param seed the trial's replicate seed
 * @param data the SHA-256 of every data file the trial reads ({@code NODE.PARAM} → {@code sha256:HEX}, or
 *     {@code absent}), hashed again when the attempt started; empty when it reads no files
 * @param code the distribution's version and code revision ({@code -dirty} for an uncommitted tree)
 * @param bundles the plugin bundles loaded in the worker, by symbolic name
 * @param nd4j the numeric backend
 * @param jvm the Java runtime
 * @param os the operating system and host
 * @param cpu the processor
 * @param gpus the GPUs {@code nvidia-smi} lists; empty when there is none or no {@code nvidia-smi}
 */
public record Provenance(String captured, String worker, long seed, Map<String, String> data, Code code,
        List<BundleJar> bundles, Backend nd4j, Jvm jvm, Os os, Cpu cpu, List<Gpu> gpus) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Provenance {
        data = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(data == null ? Map.of() : data));
        bundles = List.copyOf(bundles);
        gpus = List.copyOf(gpus);
    }

    /**
     * The code that ran.
     *
     * @param awbVersion the distribution's version
     * @param revision the git commit it was built from, {@code -dirty} when the tree had changes
     */
    public record Code(String awbVersion, String revision) {
    }

    /**
     * One OSGi bundle loaded in the worker.
     *
     * @param symbolicName its symbolic name
     * @param version its version
     * @param location where it was installed from (a {@code file:} URI)
     * @param sha256 the SHA-256 of that jar (hex), or a reason in brackets when it could not be read
     * @param used whether the trial used a plugin it registers
     */
    public record BundleJar(String symbolicName, String version, String location, String sha256, boolean used) {
    }

    /**
     * The ND4J backend as loaded.
     *
     * @param backend the backend class, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}
     * @param nativeLibrary the ND4J JNI library JavaCPP loaded; its path names the jar it came from and so the
     *     variant ({@code .../nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar/.../libjnind4jcpu.so})
     * @param binaryLevel the instruction set the native binary was built for ({@code AVX2 (2)})
     * @param cpuLevel the best instruction set this CPU supports
     * @param blas the BLAS library and version, e.g. {@code OpenBLAS 0.3.19}
     * @param threads the backend's thread settings and the environment variables that steer it
     */
    public record Backend(String backend, String nativeLibrary, String binaryLevel, String cpuLevel, String blas,
            Map<String, String> threads) {
    }

    /**
     * The Java runtime.
     *
     * @param vendor e.g. {@code Debian}
     * @param version e.g. {@code 17.0.15+6-Debian-1deb12u1}
     * @param vm the virtual machine's name
     * @param maxHeapBytes the maximum heap
     */
    public record Jvm(String vendor, String version, String vm, long maxHeapBytes) {
    }

    /**
     * The operating system.
     *
     * @param name e.g. {@code Linux}
     * @param version the kernel version
     * @param arch e.g. {@code amd64}
     * @param host the host name
     */
    public record Os(String name, String version, String arch, String host) {
    }

    /**
     * The processor.
     *
     * @param model its model name ({@code /proc/cpuinfo}), or {@code unknown}
     * @param cores the cores available to the JVM
     */
    public record Cpu(String model, int cores) {
    }

    /**
     * One GPU as {@code nvidia-smi} reports it.
     *
     * @param name e.g. {@code NVIDIA H100 80GB HBM3}
     * @param memory total memory, e.g. {@code 81559 MiB}
     * @param driver the driver version
     * @param uuid the GPU's UUID
     */
    public record Gpu(String name, String memory, String driver, String uuid) {
    }

    /** This provenance as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance cannot be written as JSON", e);
        }
    }

    /**
     * Reads provenance JSON as written by {@link #toJson()} (fields added later are ignored).
     *
     * @throws IllegalArgumentException if {@code json} is not provenance
     */
    public static Provenance fromJson(String json) {
        try {
            return JSON.readValue(json, Provenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not provenance JSON: " + e.getOriginalMessage(), e);
        }
    }
}
