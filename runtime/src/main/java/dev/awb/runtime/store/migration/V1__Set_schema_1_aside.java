package dev.awb.runtime.store.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 1: moves the tables of a schema-1 store (trials keyed by run, not by study) out of the way as
 * {@code v1_runs}, {@code v1_trials} and {@code v1_metrics}, kept for reading; does nothing on any other store.
 *
 * <p>Schema-1 stores predate Flyway and are recognised by their {@code schema_version} table holding 1; they
 * are baselined below this migration, so it runs for them (and for new stores, where it finds nothing to do).
 */
public class V1__Set_schema_1_aside extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (legacyVersion(connection) != 1) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("runs", "trials", "metrics")) {
                statement.execute("ALTER TABLE " + table + " RENAME TO v1_" + table);
            }
            // Index names are global to a schema; schema 2 creates its own metrics_by_trial.
            statement.execute("DROP INDEX IF EXISTS metrics_by_trial");
        }
    }

    /**
     * The version in the {@code schema_version} table that stores made before Flyway kept, or 0 without one.
     */
    public static int legacyVersion(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet tables = meta.getTables(null, connection.getSchema(), "schema_version", null)) {
            if (!tables.next()) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
