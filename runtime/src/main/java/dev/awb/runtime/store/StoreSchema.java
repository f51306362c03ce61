package dev.awb.runtime.store;

import dev.awb.runtime.store.migration.V1__Set_schema_1_aside;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The results store's schema: versioned Flyway migrations in {@code dev/awb/runtime/store/migration} (SQL that
 * runs unchanged on SQLite and PostgreSQL, plus one Java migration), applied when a store is opened.
 *
 * <p>Stores made before Flyway carry a {@code schema_version} table instead of Flyway's history; they are
 * baselined at the migration that corresponds to their version (schema 2 at migration 2, schema 1 below
 * migration 1, which sets its tables aside), so no row is lost. Flyway locks PostgreSQL against concurrent
 * migration itself but cannot lock SQLite; there, a file lock next to the store serialises the processes
 * (several workers may open a new store at once).
 *
 * <p>Loading Flyway costs a fresh JVM about 0.9 s, and every worker process opens the store: a store whose
 * history already records {@link #LATEST} is used as it is, without loading Flyway. Migration versions are
 * therefore plain integers.
 */
final class StoreSchema {
    static final String LOCATION = "classpath:dev/awb/runtime/store/migration";
    /** The newest migration's version; {@code ResultsStoreTests} checks it against the migrations Flyway finds. */
    static final int LATEST = 4;

    private StoreSchema() {
    }

    /**
     * Brings the store behind {@code source} up to date; {@code sqliteFile} is its file, or null for a server.
     *
     * @return the store's schema version afterwards
     */
    static String migrate(DataSource source, Path sqliteFile) throws SQLException, IOException {
        try (Connection connection = source.getConnection()) {
            int applied = appliedVersion(connection);
            if (applied >= LATEST) {
                return String.valueOf(applied);
            }
        }
        if (sqliteFile == null) {
            return apply(source);
        }
        Path lockFile = sqliteFile.resolveSibling(sqliteFile.getFileName() + ".migration-lock");
        // A JVM cannot hold two locks on one file (OverlappingFileLockException): threads queue here first.
        synchronized (StoreSchema.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return apply(source);
            }
        }
    }

    /**
     * The newest version Flyway's history records as applied, or -1 when there is no history, a migration
     * failed, or a version is not an integer (then Flyway itself looks).
     */
    private static int appliedVersion(Connection connection) throws SQLException {
        try (ResultSet history = connection.getMetaData().getTables(null, connection.getSchema(),
                "flyway_schema_history", null)) {
            if (!history.next()) {
                return -1;
            }
        }
        int newest = -1;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version, success FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return -1;
                }
                newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return newest;
    }

    private static String apply(DataSource source) throws SQLException {
        int legacy;
        boolean hasHistory;
        try (Connection connection = source.getConnection();
                ResultSet history = connection.getMetaData().getTables(null, connection.getSchema(),
                        "flyway_schema_history", null)) {
            hasHistory = history.next();
            legacy = V1__Set_schema_1_aside.legacyVersion(connection);
        }
        if (legacy > 2 && !hasHistory) {
            throw new SQLException("the store has schema_version " + legacy + ", unknown to this awb;"
                    + " use the awb that made it or another --store");
        }
        Flyway flyway = Flyway.configure(StoreSchema.class.getClassLoader())
                .dataSource(source)
                .locations(LOCATION)
                // Only stores made before Flyway are baselined: any other non-empty schema is not ours to adopt.
                .baselineOnMigrate(legacy > 0 && !hasHistory)
                .baselineVersion(legacy == 2 ? "2" : "0")
                .baselineDescription("store made before Flyway (schema_version " + legacy + ")")
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
