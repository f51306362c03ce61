package dev.awb.runtime.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a results store is, as a user names it ({@code --store}, an experiment's {@code store:}): a SQLite file, a
 * JDBC URL, or {@code env:NAME}, a JDBC URL (or file) kept in the environment variable {@code NAME}.
 *
 * <p>A password must never reach a process's argument list, a Slurm batch script, a study file or a printed line,
 * where other users of the machine or a shared study directory would see it. So a location written out (on a command
 * line, in a file) may not hold one: a PostgreSQL password comes from {@code env:NAME}, from {@code PGPASSWORD} or
 * from {@code ~/.pgpass} ({@code PGPASSFILE}), all of which workers inherit from their driver's environment (Slurm
 * passes the submitting environment on to its tasks). What awb itself writes out is {@link #forWorkers()} or
 * {@link #shown()}, which never hold the secret.
 *
 * @param given the location as named: {@code env:NAME}, a JDBC URL without a password, or a file path
 * @param url the JDBC URL it stands for, with the password when {@code env:NAME} holds one: for opening only
 */
public record StoreLocation(String given, String url) {
    /** The prefix of a location kept in an environment variable. */
    public static final String ENV_PREFIX = "env:";
    private static final String SQLITE = "jdbc:sqlite:";
    private static final Pattern PASSWORD = Pattern.compile("(?i)[?&;]password=[^&;]|//[^/@?]*:[^/@?]*@");

    /**
     * The location {@code given} in this process's environment.
     *
     * @throws InvalidStoreLocation if it names an unset environment variable or holds a password in plain sight
     */
    public static StoreLocation of(String given) {
        return of(given, System.getenv());
    }

    static StoreLocation of(String given, Map<String, String> environment) {
        if (given.startsWith(ENV_PREFIX)) {
            String name = given.substring(ENV_PREFIX.length());
            String value = environment.get(name);
            if (name.isEmpty() || value == null || value.isBlank()) {
                throw new InvalidStoreLocation("store " + given + ": the environment variable [" + name
                        + "] is not set; export it with the store's JDBC URL (or file), e.g. export " + (name.isEmpty()
                        ? "AWB_STORE" : name) + "='jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=...'");
            }
            return new StoreLocation(given, jdbc(value.trim()));
        }
        if (PASSWORD.matcher(given).find()) {
            throw new InvalidStoreLocation("store " + redacted(given) + " holds a password, which would show in"
                    + " process lists, batch scripts and study files; keep the URL in an environment variable and name"
                    + " it (--store env:AWB_STORE, or store: env:AWB_STORE), or give the password with PGPASSWORD or"
                    + " ~/.pgpass");
        }
        return new StoreLocation(given, jdbc(given));
    }

    private static String jdbc(String location) {
        return location.startsWith("jdbc:") ? location : SQLITE + location;
    }

    /** Whether this is a SQLite store. */
    public boolean sqlite() {
        return url.startsWith(SQLITE);
    }

    /**
     * The location as a worker process is given it on its command line or in a batch script: {@code env:NAME} as it
     * is (the worker inherits the variable), a file as an absolute path, a URL as it is (it holds no password).
     */
    public String forWorkers() {
        if (given.startsWith(ENV_PREFIX) || given.startsWith("jdbc:")) {
            return given;
        }
        return Path.of(given).toAbsolutePath().toString();
    }

    /** The location for messages: {@code env:NAME}, or the URL with any password masked. */
    public String shown() {
        return given.startsWith(ENV_PREFIX) ? given : redacted(url);
    }

    /** {@code url} with any password replaced by {@code ***}, for messages. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@?:]*:)[^/@?]*@", "$1***@");
    }

    @Override
    public String toString() {
        return shown();
    }
}
