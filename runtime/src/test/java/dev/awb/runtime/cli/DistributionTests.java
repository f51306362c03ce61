package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.launch.OsgiHostTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server tarball ({@code target/awb-VERSION.tar.gz}, run after {@code package} by failsafe): unpacked into
 * an empty folder, its {@code bin/awb} runs with nothing but a Java runtime ({@code JAVA_HOME}) and bash, in an
 * environment without Maven or any path of this checkout.
 */
class DistributionTests {
    @TempDir
    Path dir;

    private Path home;
    private Path tools;

    private record Result(int code, String output) {
    }

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("awb.tarball"));
        assertTrue(Files.isRegularFile(tarball), tarball + " was not built");
        Path install = Files.createDirectories(dir.resolve("install"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", install.toString())
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        String folder = tarball.getFileName().toString().replace(".tar.gz", "");
        home = install.resolve(folder);
        // The only programs bin/awb may find on PATH: bash and readlink (env in its #! line is called by path).
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink")) {
            Path real = Stream.of("/usr/bin", "/bin").map(p -> Path.of(p, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("home"));
    }

    /** Runs {@code command} in the empty work folder with a minimal environment plus {@code extra}. */
    private Result run(Map<String, String> extra, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve("work").toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", tools.toString());
        environment.put("HOME", dir.resolve("home").toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("OMP_NUM_THREADS", "1");
        environment.putAll(extra);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return new Result(process.exitValue(), output);
    }

    @Test
    void holdsTheLayoutAServerNeeds() throws IOException {
        assertTrue(Files.isExecutable(home.resolve("bin/awb")));
        assertTrue(Files.isRegularFile(home.resolve("conf/awb.conf")));
        assertTrue(Files.isDirectory(home.resolve("plugins")));
        assertTrue(Files.isRegularFile(home.resolve("experiments/quickstart.yaml")));
        assertTrue(Files.isRegularFile(home.resolve("datasets/digits/digits.csv")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        try (Stream<Path> lib = Files.list(home.resolve("lib")); Stream<Path> bundles = Files.list(home.resolve("bundles"))) {
            List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("runtime-")), jars.toString());
            assertFalse(jars.stream().anyMatch(j -> j.matches("nd4j-native-[0-9].*-linux-x86_64.*\\.jar")),
                    "ND4J's native builds stay off lib/ (one folder each): " + jars);
            assertFalse(jars.stream().anyMatch(j -> j.contains("cuda")), "the default distribution is CPU-only: " + jars);
            assertTrue(bundles.anyMatch(p -> p.getFileName().toString().startsWith("attention-soft-")));
        }
    }

    @Test
    void shipsEachNativeBuildInAFolderOfItsOwn() throws IOException {
        for (String[] build : List.of(new String[] {"generic", "linux-x86_64"},
                new String[] {"avx2", "linux-x86_64-onednn-avx2"}, new String[] {"avx512", "linux-x86_64-onednn-avx512"})) {
            try (Stream<Path> jars = Files.list(home.resolve("lib/native/" + build[0]))) {
                assertEquals(List.of("nd4j-native-1.0.0-M2.1-" + build[1] + ".jar"),
                        jars.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void startsOnTheGenericBuildOnACpuWithoutAvx() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt\n");
        Map<String, String> oldCpu = Map.of("AWB_CPUINFO", cpuinfo.toString(),
                "AWB_NATIVE_CACHE", System.getProperty("org.bytedeco.javacpp.cachedir"));
        Result result = run(oldCpu, home.resolve("bin/awb").toString(), "doctor");
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().matches("(?s).*native variant:\\s+generic \\(nd4j-native-1\\.0\\.0-M2\\.1-linux-x86_64\\.jar; "
                + "chosen by the CPU's flags \\(best supported: generic.*binary level Generic x86.*"), result.output());
        Map<String, String> forced = new java.util.HashMap<>(oldCpu);
        forced.put("AWB_NATIVE", "avx512");
        Result refused = run(forced, home.resolve("bin/awb").toString(), "doctor");
        assertEquals(2, refused.code(), refused.output());
        assertTrue(refused.output().contains("AWB_NATIVE=avx512, but this CPU supports only generic"), refused.output());
    }

    @Test
    void choosesTheBestBuildTheCpuSupportsUnlessAwbNativeNamesOne() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "flags\t\t: fpu sse2 avx fma avx2\n");
        Map<String, String> avx2Cpu = Map.of("AWB_CPUINFO", cpuinfo.toString(),
                "AWB_NATIVE_CACHE", System.getProperty("org.bytedeco.javacpp.cachedir"), "AWB_NATIVE", "generic");
        Result forced = run(avx2Cpu, home.resolve("bin/awb").toString(), "doctor");
        assertEquals(0, forced.code(), forced.output());
        assertTrue(forced.output().contains("native variant:  generic (nd4j-native-1.0.0-M2.1-linux-x86_64.jar; chosen by"
                + " AWB_NATIVE=generic)"), forced.output());
        Result unknown = run(Map.of("AWB_NATIVE", "avx1024"), home.resolve("bin/awb").toString(), "doctor");
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(unknown.output().contains("AWB_NATIVE=avx1024: unknown native build; valid: auto, generic, avx2, avx512"),
                unknown.output());
        // On this machine's own CPU: the launcher's choice is the best level ND4J itself says the CPU supports.
        Result auto = run(Map.of("AWB_NATIVE_CACHE", System.getProperty("org.bytedeco.javacpp.cachedir")),
                home.resolve("bin/awb").toString(), "doctor");
        assertEquals(0, auto.code(), auto.output());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("native variant:\\s+(\\S+) .*CPU supports (\\S+)")
                .matcher(auto.output());
        assertTrue(m.find(), auto.output());
        String expected = switch (m.group(2)) {
            case "AVX512" -> "avx512";
            case "AVX2" -> "avx2";
            default -> "generic";
        };
        assertEquals(expected, m.group(1), auto.output());
    }

    @Test
    void listsEveryPluginWithOnlyJava() throws Exception {
        Result result = run(Map.of(), home.resolve("bin/awb").toString(), "plugins");
        assertEquals(0, result.code(), result.output());
        for (String plugin : OsgiHostTests.DISTRIBUTED_PLUGINS) {
            assertTrue(result.output().contains(plugin + " "), plugin + " missing in\n" + result.output());
        }
        assertFalse(result.output().contains("not available"), result.output());
    }

    @Test
    void runsAShippedExperimentOnItsShippedDatasetWithTheConfiguredLimitsInEveryWorker() throws Exception {
        Path link = tools.resolve("awb");
        Files.createSymbolicLink(link, home.resolve("bin/awb"));
        // JavaCPP's natives are unpacked once per cache folder (≈400 MB); the build's own cache saves doing it again.
        Map<String, String> settings = Map.of("AWB_HEAP", "1g", "AWB_NATIVE_MAX", "2g",
                "AWB_NATIVE_MAX_PHYSICAL", "6g", "AWB_NATIVE_CACHE", System.getProperty("org.bytedeco.javacpp.cachedir"));
        List<String> command = new ArrayList<>(List.of(link.toString(), "run",
                home.resolve("experiments/digits.yaml").toString(), "-s", "train.with.epochs=1",
                "-s", "model.with.layers=1", "-s", "model.with.d_model=16", "--runs", "runs"));
        Result result = run(settings, command.toArray(String[]::new));
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("[report]"), result.output());
        Path trials = dir.resolve("work/runs/digits/trials");
        try (Stream<Path> logs = Files.walk(trials)) {
            List<Path> workerLogs = logs.filter(p -> p.endsWith("worker.log")).toList();
            assertEquals(1, workerLogs.size(), workerLogs.toString());
            String log = Files.readString(workerLogs.get(0));
            assertTrue(log.contains("heap max 1024 MiB, JavaCPP maxbytes 2048 MiB, maxphysicalbytes 6144 MiB,"
                    + " headless true; device cpu, ND4J backend CpuBackend"), log);
        }
        assertTrue(Files.isRegularFile(dir.resolve("work/runs/awb.sqlite")));
    }
}
