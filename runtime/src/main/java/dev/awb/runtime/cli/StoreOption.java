package dev.awb.runtime.cli;

import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreException;
import dev.awb.runtime.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --store} option of the commands that read an existing results store (runs, show, status, cancel,
 * report, reproduce).
 */
final class StoreOption {
    @Option(names = "--store", paramLabel = "PATH|JDBC_URL|env:VAR", defaultValue = ResultsStore.DEFAULT_LOCATION,
            description = "Results store: a SQLite file, a JDBC URL without a password, or env:VAR for one kept in"
                    + " the environment variable VAR (default: ${DEFAULT-VALUE}).")
    String location;

    /**
     * Opens the store. A SQLite path that does not exist is an error rather than a new empty store: reading
     * commands must not create one where the user mistyped a path.
     *
     * @throws StoreException if it does not exist or cannot be opened
     */
    ResultsStore open() {
        if (!location.startsWith("jdbc:") && !location.startsWith(StoreLocation.ENV_PREFIX)
                && !Files.exists(Path.of(location))) {
            throw new StoreException("no results store at " + location
                    + " ('awb run' creates one; --store names another)");
        }
        return ResultsStore.open(location);
    }
}
