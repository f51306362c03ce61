package dev.awb.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance as stored (JSON) and the probes that need no OSGi framework. */
class ProvenanceTests {
    @TempDir
    Path dir;

    private static Provenance sample() {
        return new Provenance("2025-01-01T00:00:00Z", "host:1", 7,
                Map.of("data.path", "sha256:00ff"), new Provenance.Code("0.1.0", "abc123-dirty"),
                List.of(new Provenance.BundleJar("dev.awb.attention-soft", "0.1.0", "file:/b/soft.jar", "00ff", true)),
                new Provenance.Backend("org.nd4j.linalg.cpu.nativecpu.CpuBackend", "/cache/x.jar/libjnind4jcpu.so",
                        "AVX2 (2)", "AVX512 (3)", "OpenBLAS 0.3.19", Map.of("OMP_NUM_THREADS", "1")),
                new Provenance.Jvm("Debian", "17.0.15", "OpenJDK 64-Bit Server VM", 1L << 30),
                new Provenance.Os("Linux", "6.1", "amd64", "host"), new Provenance.Cpu("AMD EPYC", 2),
                List.of(new Provenance.Gpu("NVIDIA H100 80GB HBM3", "81559 MiB", "550.54.15", "GPU-1")));
    }

    @Test
    void roundTripsThroughJsonAndIgnoresFieldsAddedLater() {
        Provenance provenance = sample();
        assertEquals(provenance, Provenance.fromJson(provenance.toJson()));
        String withExtra = provenance.toJson().replaceFirst("\\{", "{\"fieldOfALaterVersion\": 1,");
        assertEquals(provenance, Provenance.fromJson(withExtra));
        assertThrows(IllegalArgumentException.class, () -> Provenance.fromJson("[1, 2]"));
    }

    @Test
    void readsOneGpuPerLineOfNvidiaSmi() {
        String output = "NVIDIA H100 80GB HBM3, 81559 MiB, 550.54.15, GPU-0b1c\n"
                + "NVIDIA A100-SXM4-40GB, 40960 MiB, 550.54.15, GPU-7f3e\n";
        assertEquals(List.of(new Provenance.Gpu("NVIDIA H100 80GB HBM3", "81559 MiB", "550.54.15", "GPU-0b1c"),
                new Provenance.Gpu("NVIDIA A100-SXM4-40GB", "40960 MiB", "550.54.15", "GPU-7f3e")),
                ProvenanceProbe.parseNvidiaSmi(output));
        assertEquals(List.of(), ProvenanceProbe.parseNvidiaSmi("NVIDIA-SMI has failed because it couldn't communicate"
                + " with the NVIDIA driver.\n"));
    }

    @Test
    void hashesTheJarAtABundleLocation() throws Exception {
        Path jar = dir.resolve("plugin.jar");
        Files.write(jar, "abc".getBytes(StandardCharsets.US_ASCII));
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ProvenanceProbe.sha256(jar.toUri().toString()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ProvenanceProbe.sha256("reference:" + jar.toUri()));
        assertTrue(ProvenanceProbe.sha256(dir.resolve("gone.jar").toUri().toString()).startsWith("[unreadable: "));
        assertEquals("[not a file: http://example.org/x.jar]", ProvenanceProbe.sha256("http://example.org/x.jar"));
    }

    @Test
    void namesTheCpuModelOnLinux() {
        String model = ProvenanceProbe.cpuModel();
        assertFalse(model.isBlank());
        if (Files.isReadable(Path.of("/proc/cpuinfo"))) {
            assertFalse(model.equals("unknown"), "/proc/cpuinfo has a model name");
        }
    }
}
