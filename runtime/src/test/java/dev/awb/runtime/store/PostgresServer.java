package dev.awb.runtime.store;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from the Debian {@code postgresql} package's binaries
 * ({@code /usr/lib/postgresql/VERSION/bin}, newest version first): {@link #start()} runs {@code initdb} into a
 * fresh temporary folder and {@code pg_ctl start} on 127.0.0.1 at a free port, with its unix socket in that
 * folder, and creates the database {@code awb} with the server's own {@code psql}; {@link #close()} stops the
 * server and deletes the folder.
 *
 * <p>{@link #start(List)} puts a command prefix before {@code initdb}, {@code pg_ctl start} and every
 * {@code psql}, such as {@code nsenter --net=/proc/PID/ns/net --}: the server then listens on the 127.0.0.1 of
 * that network namespace, reachable only from processes inside it, and {@link #rows} is how a test outside
 * it reads the data. Stopping needs no prefix ({@code pg_ctl stop} signals the pid in {@code postmaster.pid}),
 * so {@link #close()} works even after the namespace's holder is gone.
 *
 * <p>PostgreSQL refuses to run as root: as root the server runs as the {@code postgres} user (or
 * {@code nobody}) through {@code runuser}, in a folder owned by that user. Authentication is {@code trust}
 * for the superuser {@code awb}; durability is off (fsync, synchronous commit) because the data is thrown
 * away. Missing binaries fail the test with the package to install ({@code .ci/run} installs it).
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start()) {
 *     String url = server.jdbcUrl();                    // jdbc:postgresql://127.0.0.1:PORT/awb?user=awb
 *     String other = server.createDatabase("other");    // a second, empty database
 *     List<String> rows = server.rows("awb", "SELECT 1, 'a'");  // ["1\ta"]
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path INSTALLS = Path.of("/usr/lib/postgresql");
    private static final String USER = "awb";
    private static final int TIMEOUT_SECONDS = 60;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final String runAs;
    private final List<String> prefix;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private boolean running;

    private PostgresServer(Path bin, Path dir, String runAs, List<String> prefix, int port, String password) {
        this.password = password;
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.prefix = prefix;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stop PostgreSQL on port " + port);
    }

    /**
     * Initialises, starts and returns a server with an empty database {@code awb}.
     *
     * @throws IllegalStateException if the binaries are missing or the server does not start (with its log)
     */
    public static PostgresServer start() throws IOException {
        return start(List.of());
    }

    /**
     * Initialises, starts and returns a server with an empty database {@code awb}, running {@code initdb},
     * {@code pg_ctl start} and {@code psql} behind {@code prefix} (a command and its arguments, such as
     * {@code nsenter --net=NAMESPACE --}; empty for none). The port is one free on this process's loopback;
     * in another namespace it is retried if taken there.
     *
     * @throws IllegalStateException if the binaries are missing or the server does not start (with its log)
     */
    public static PostgresServer start(List<String> prefix) throws IOException {
        return start(prefix, null);
    }

    /**
     * Initialises, starts and returns a server whose user {@code awb} must log in with {@code password}
     * ({@code scram-sha-256} authentication instead of {@code trust}); {@link #jdbcUrl()} names no password.
     */
    public static PostgresServer startWithPassword(String password) throws IOException {
        return start(List.of(), password);
    }

    private static PostgresServer start(List<String> prefix, String password) throws IOException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("awb-postgres-");
        String runAs = isRoot() ? unprivilegedUser() : null;
        if (runAs != null) {
            chown(dir, runAs);
        }
        PostgresServer server = null;
        try {
            List<String> auth = List.of("-A", "trust");
            if (password != null) {
                Path file = dir.resolve("password");
                Files.writeString(file, password + "\n");
                if (runAs != null) {
                    chown(file, runAs);
                }
                auth = List.of("-A", "scram-sha-256", "--pwfile=" + file);
            }
            List<String> initdb = new ArrayList<>(List.of("-D", dir.resolve("data").toString(), "-U", USER));
            initdb.addAll(auth);
            initdb.addAll(List.of("-E", "UTF8", "--locale=C", "--no-sync"));
            run(bin, prefix, runAs, dir, null, "initdb", initdb.toArray(String[]::new));
            Files.deleteIfExists(dir.resolve("password"));
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3 && (server == null || !server.running); attempt++) {
                server = new PostgresServer(bin, dir, runAs, List.copyOf(prefix), freePort(), password);
                try {
                    server.startServer();
                } catch (IllegalStateException portTakenMeanwhile) {
                    failure = portTakenMeanwhile;
                }
            }
            if (!server.running) {
                throw failure;
            }
            server.rows("postgres", "CREATE DATABASE awb");
            return server;
        } catch (RuntimeException | IOException e) {
            if (server != null) {
                server.close();
            } else {
                delete(dir);
            }
            throw e;
        }
    }

    /** The JDBC URL of the database {@code awb}. */
    public String jdbcUrl() {
        return jdbcUrl("awb");
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** Creates an empty database named {@code prefix} plus a number unique in this JVM; returns its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        rows("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /**
     * The rows {@code sql} returns in {@code database}, run by the server's {@code psql} (behind the prefix):
     * each row's values joined by a tab, SQL NULL as an empty string; none for a statement without rows.
     *
     * @throws IllegalStateException if {@code psql} fails, with its error
     */
    public List<String> rows(String database, String sql) {
        return run(bin, prefix, null, dir, password, "psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d", database, "-c", sql).lines().toList();
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The server's folder: {@code data/}, the unix socket and {@code server.log}. */
    public Path directory() {
        return dir;
    }

    /** Stops the server (fast shutdown, immediate if that fails) and deletes its folder. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
        delete(dir);
    }

    private void startServer() {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off";
        try {
            run(bin, prefix, runAs, dir, null, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "-o", options, "start");
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nserver.log:\n" + log(), e);
        }
        running = true;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private synchronized void stopQuietly() {
        if (!running) {
            return;
        }
        String data = dir.resolve("data").toString();
        // No prefix: pg_ctl stop signals the postmaster's pid and waits for its pid file, in any namespace.
        try {
            run(bin, List.of(), runAs, dir, null, "pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "30", "stop");
        } catch (RuntimeException e) {
            run(bin, List.of(), runAs, dir, null, "pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop");
        }
        running = false;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The newest {@code /usr/lib/postgresql/VERSION/bin} that has {@code initdb}, {@code pg_ctl} and {@code psql}. */
    private static Path binaries() throws IOException {
        if (Files.isDirectory(INSTALLS)) {
            try (Stream<Path> versions = Files.list(INSTALLS)) {
                List<Path> found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Stream.of("initdb", "pg_ctl", "psql").allMatch(p -> Files.isExecutable(b.resolve(p))))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion).reversed()).toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl, psql) under " + INSTALLS
                + "/*/bin: install Debian's postgresql package (apt-get install postgresql; .ci/run does this)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Runs {@code program} from {@code bin} behind {@code prefix} (as {@code runAs} when set) in {@code dir}, with
     * {@code PGPASSWORD} set to {@code password} when not null (never on its command line); returns its standard
     * output, fails with its output and error.
     */
    private static String run(Path bin, List<String> prefix, String runAs, Path dir, String password, String program,
            String... args) {
        List<String> command = new ArrayList<>(prefix);
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("awb-postgres-", ".out");
            Path errors = Files.createTempFile("awb-postgres-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                if (password != null) {
                    builder.environment().put("PGPASSWORD", password);
                }
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                            + (TIMEOUT_SECONDS + 10) + " s:\n" + read(output) + read(errors));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                            + ":\n" + read(output) + read(errors));
                }
                return read(output);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    /** {@code postgres} (the Debian package's user) when it exists, else {@code nobody}. */
    private static String unprivilegedUser() throws IOException {
        UserPrincipalLookupService users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        try {
            users.lookupPrincipalByName("postgres");
            return "postgres";
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            return "nobody";
        }
    }

    private static void chown(Path dir, String user) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(user);
        // The folder (mode 0700 from createTempDirectory) becomes the server user's alone.
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setOwner(owner);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the PostgreSQL test folder " + dir + ": " + e, e);
        }
    }

    /** A port free on the loopback interface now (another process may take it before the server: retried). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
