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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * folder, and creates the database {@code awb}; {@link #close()} stops the server and deletes the folder.
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
    private final int port;
    private final Thread shutdownHook;
    private boolean running;

    private PostgresServer(Path bin, Path dir, String runAs, int port) {
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stop PostgreSQL on port " + port);
    }

    /**
     * Initialises, starts and returns a server with an empty database {@code awb}.
     *
     * @throws IllegalStateException if the binaries are missing or the server does not start (with its log)
     */
    public static PostgresServer start() throws IOException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("awb-postgres-");
        String runAs = isRoot() ? unprivilegedUser() : null;
        if (runAs != null) {
            chown(dir, runAs);
        }
        PostgresServer server = null;
        try {
            run(bin, runAs, dir, "initdb", "-D", dir.resolve("data").toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3 && (server == null || !server.running); attempt++) {
                server = new PostgresServer(bin, dir, runAs, freePort());
                try {
                    server.startServer();
                } catch (IllegalStateException portTakenMeanwhile) {
                    failure = portTakenMeanwhile;
                }
            }
            if (!server.running) {
                throw failure;
            }
            server.execute("postgres", "CREATE DATABASE awb");
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
        execute("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
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
            run(bin, runAs, dir, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
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
        try {
            run(bin, runAs, dir, "pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "30", "stop");
        } catch (RuntimeException e) {
            run(bin, runAs, dir, "pg_ctl", "-D", data, "-m", "immediate", "-w", "-t", "30", "stop");
        }
        running = false;
    }

    private void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The newest {@code /usr/lib/postgresql/VERSION/bin} that has {@code initdb} and {@code pg_ctl}. */
    private static Path binaries() throws IOException {
        if (Files.isDirectory(INSTALLS)) {
            try (Stream<Path> versions = Files.list(INSTALLS)) {
                List<Path> found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion).reversed()).toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl) under " + INSTALLS
                + "/*/bin: install Debian's postgresql package (apt-get install postgresql; .ci/run does this)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Runs {@code program} from {@code bin} (as {@code runAs} when set) in {@code dir}; fails with its output. */
    private static void run(Path bin, String runAs, Path dir, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("awb-postgres-", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                            + (TIMEOUT_SECONDS + 10) + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                            + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
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
