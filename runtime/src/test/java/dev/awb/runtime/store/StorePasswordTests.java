package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL password stays secret, against a real password-protected server ({@code scram-sha-256}) and real
 * driver and worker processes: it reaches them through the environment ({@code --store env:VAR},
 * {@code PGPASSWORD}) or {@code ~/.pgpass}, and never shows in any process's argument list ({@code /proc/PID/cmdline},
 * what {@code ps} prints), the study directory or the output.
 */
class StorePasswordTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    private static final String SECRET = "pw-" + UUID.randomUUID();
    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = PostgresServer.startWithPassword(SECRET);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Path experiment() throws IOException {
        String text = Files.readString(QUICKSTART)
                .replace("train_size: 3000, validation_size: 300, test_size: 500",
                        "train_size: 64, validation_size: 32, test_size: 32")
                .replace("layers: 2, d_model: 64", "layers: 1, d_model: 32")
                .replaceAll("epochs: \\d+", "epochs: 1")
                .replace("experiment: quickstart", "experiment: secret");
        Path file = dir.resolve("secret.yaml");
        Files.writeString(file, text);
        return file;
    }

    private Process awb(List<String> args, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Awb.processCommand(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(List.of("PGPASSWORD", "PGPASSFILE", "AWB_STORE"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Test
    void aDriverAndItsWorkerGetThePasswordFromTheEnvironmentAndShowItNowhere() throws Exception {
        Path runs = dir.resolve("runs");
        Path log = dir.resolve("run.log");
        Process driver = awb(List.of("run", experiment().toString(), "--runs", runs.toString(), "--plugins",
                dir.resolve("plugins").toString(), "--workers", "1", "--threads-per-worker", "1", "--store", "env:AWB_STORE"),
                Map.of("AWB_STORE", server.jdbcUrl() + "&password=" + SECRET), log);
        Set<String> leaks = new TreeSet<>();
        List<String> workers = new ArrayList<>();
        try {
            while (!driver.waitFor(50, TimeUnit.MILLISECONDS)) {
                Set<Long> ours = driver.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
                scanCommandLines(leaks, ours, workers);
            }
        } finally {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, driver.exitValue(), output);
        assertEquals(List.of("finished"), server.rows("awb", "SELECT status FROM trials"), "the worker stored its trial");
        assertFalse(workers.isEmpty(), "no worker process was seen while the study ran");
        assertTrue(workers.stream().allMatch(w -> w.contains("--store env:AWB_STORE")), workers.toString());
        assertEquals(Set.of(), leaks, "command lines holding the password");
        assertFalse(output.contains(SECRET), output);
        assertTrue(output.contains("store: env:AWB_STORE"), output);
        assertEquals(List.of(), filesHolding(runs));
    }

    @Test
    void takesThePasswordFromPgpasswordOrPgpassAndFailsWithoutIt() throws Exception {
        List<String> studies = List.of("runs", "--store", server.jdbcUrl());
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + server.port() + ":*:awb:" + SECRET + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        assertEquals(0, exit(awb(studies, Map.of("PGPASSWORD", SECRET), dir.resolve("a.log"))), read("a.log"));
        assertEquals(0, exit(awb(studies, Map.of("PGPASSFILE", pgpass.toString()), dir.resolve("b.log"))), read("b.log"));
        assertNotEquals(0, exit(awb(studies, Map.of(), dir.resolve("c.log"))), read("c.log"));
        assertTrue(read("c.log").contains("password"), "names the missing password: " + read("c.log"));
    }

    @Test
    void refusesAPasswordOnTheCommandLineWithoutRepeatingIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"runs", "--store", server.jdbcUrl() + "&password=" + SECRET},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("env:AWB_STORE"), err.toString());
        assertFalse((out + err.toString()).contains(SECRET), err.toString());
    }

    private static int exit(Process process) throws InterruptedException {
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "awb did not end in 2 minutes");
        return process.exitValue();
    }

    private String read(String log) throws IOException {
        return Files.readString(dir.resolve(log));
    }

    /**
     * Adds every process (this test's or not) whose argument list holds the password to {@code leaks}, and the
     * command lines of the awb workers among {@code ours} to {@code workers}.
     */
    private static void scanCommandLines(Set<String> leaks, Set<Long> ours, List<String> workers) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String line;
                try {
                    line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (line.contains(SECRET)) {
                    leaks.add(process.getFileName() + ": " + line);
                }
                if (ours.contains(Long.parseLong(process.getFileName().toString())) && line.contains(" worker --study ")
                        && !workers.contains(line)) {
                    workers.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** The files under {@code folder} whose bytes hold the password. */
    private static List<String> filesHolding(Path folder) throws IOException {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), secret) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).map(Path::toString).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
