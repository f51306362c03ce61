package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeVariantTests {
    @TempDir
    Path dist;

    @Test
    void namesEachBuildAfterItsClassifier() {
        assertEquals("avx512", NativeVariant.fromJar("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        assertEquals("avx2", NativeVariant.fromJar("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar"));
        assertEquals("generic", NativeVariant.fromJar("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        assertEquals("compat", NativeVariant.fromJar("nd4j-native-1.0.0-M2.1-linux-x86_64-compat.jar"));
    }

    @Test
    void findsTheClassifierJarButNotTheClassesJar() {
        String classPath = String.join(File.pathSeparator, "/d/lib/nd4j-native-1.0.0-M2.1.jar",
                "/d/lib/nd4j-native-api-1.0.0-M2.1.jar", "/d/lib/native/avx2/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar");
        assertEquals("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar", NativeVariant.jarOnClassPath(classPath));
        assertNull(NativeVariant.jarOnClassPath("/d/lib/nd4j-native-1.0.0-M2.1.jar"));
    }

    @Test
    void swapsTheNativeFolderOfAClassPathForAnotherBuilds() throws Exception {
        for (String build : List.of("generic", "avx512")) {
            Files.createDirectories(dist.resolve("lib/native/" + build));
        }
        Path generic = Files.createFile(dist.resolve("lib/native/generic/nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        Path avx512 = Files.createFile(dist.resolve("lib/native/avx512/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        String runtime = dist.resolve("lib/runtime.jar").toString();
        String classPath = String.join(File.pathSeparator, runtime, generic.toString());

        assertEquals(String.join(File.pathSeparator, runtime, avx512.toString()),
                NativeVariant.classPathFor("avx512", dist, classPath));
        assertEquals(List.of("avx512", "generic"), NativeVariant.available(dist));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NativeVariant.classPathFor("avx2", dist, classPath));
        assertTrue(missing.getMessage().contains("no native variant 'avx2'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("available: [avx512, generic]"), missing.getMessage());
    }

    @Test
    void aJavaCommandRunsAnotherBuildWithItsNameAndWhoChoseIt() throws Exception {
        for (String build : List.of("generic", "avx512")) {
            Files.createDirectories(dist.resolve("lib/native/" + build));
        }
        Path generic = Files.createFile(dist.resolve("lib/native/generic/nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        Path avx512 = Files.createFile(dist.resolve("lib/native/avx512/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        String runtime = dist.resolve("lib/runtime.jar").toString();
        List<String> command = List.of("java", "-Dawb.native=avx512", "-Dawb.native.chosen-by=the CPU's flags", "-cp",
                String.join(File.pathSeparator, runtime, avx512.toString()), "dev.awb.runtime.cli.Awb", "reproduce", "t1");

        assertEquals(List.of("java", "-Dawb.native=generic", "-Dawb.native.chosen-by=awb reproduce", "-cp",
                String.join(File.pathSeparator, runtime, generic.toString()), "dev.awb.runtime.cli.Awb", "reproduce", "t1"),
                NativeVariant.command(command, "generic", "awb reproduce", dist));
    }

    @Test
    void readsTheBuildNameFromAProvenanceRecord() {
        assertEquals("avx512", NativeVariant.recordedName(
                "avx512 (nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar; chosen by the CPU's flags)"));
        assertEquals("generic", NativeVariant.recordedName("generic"));
        assertNull(NativeVariant.recordedName("unknown (no nd4j-native classifier jar on the class path; chosen by x)"));
        assertNull(NativeVariant.recordedName(""));
        assertNull(NativeVariant.recordedName(null));
    }

    @Test
    void everyCpuRunsTheGenericBuild() {
        assertTrue(NativeVariant.supportedHere("generic"));
    }
}
