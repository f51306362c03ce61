package dev.awb.runtime.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The results store: every run, trial and metric value, over JDBC.
 *
 * <p>SQLite (a file) by default, any JDBC URL otherwise. SQLite runs in WAL mode with a 10 s busy timeout so
 * that several processes can write to one store without losing rows; keep such files on local disk, never
 * NFS. Schema: {@code runs} (one per {@code awb run}), {@code trials} (identified by the hash of their
 * resolved configuration) and {@code metrics} (split, name, epoch or null for final values, value).
 */
public final class ResultsStore implements AutoCloseable {
    static final int SCHEMA_VERSION = 1;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, experiment TEXT NOT NULL, file TEXT NOT NULL,"
                + " run_dir TEXT NOT NULL, revision TEXT NOT NULL, awb_version TEXT NOT NULL, started TEXT NOT NULL,"
                + " finished TEXT, status TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS trials (run_id TEXT NOT NULL REFERENCES runs(id), id TEXT NOT NULL,"
                + " idx INTEGER NOT NULL, seed INTEGER NOT NULL, attention TEXT NOT NULL, config TEXT NOT NULL,"
                + " status TEXT NOT NULL, error TEXT, started TEXT NOT NULL, finished TEXT, PRIMARY KEY (run_id, id))",
        "CREATE TABLE IF NOT EXISTS metrics (run_id TEXT NOT NULL, trial_id TEXT NOT NULL, split TEXT NOT NULL,"
                + " name TEXT NOT NULL, epoch INTEGER, value REAL)",
        "CREATE INDEX IF NOT EXISTS metrics_by_trial ON metrics (run_id, trial_id)",
    };

    private final Connection connection;
    private final String url;

    private ResultsStore(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    /**
     * Opens (creating if needed) the store at {@code location}: a file path for SQLite, or a JDBC URL.
     *
     * @throws StoreException if it cannot be opened
     */
    public static ResultsStore open(String location) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        try {
            if (!location.startsWith("jdbc:")) {
                Path parent = Path.of(location).toAbsolutePath().getParent();
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection(url);
            ResultsStore store = new ResultsStore(connection, url);
            store.migrate();
            return store;
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open results store " + url + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (url.startsWith("jdbc:sqlite:")) {
                statement.execute("PRAGMA busy_timeout = 10000");
                statement.execute("PRAGMA journal_mode = WAL");
            }
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                if (rs.next() && rs.getInt(1) == 0) {
                    statement.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                }
            }
        }
    }

    /** The JDBC URL of this store. */
    public String url() {
        return url;
    }

    /** Records the start of a run. */
    public void startRun(RunRecord run) {
        update("INSERT INTO runs (id, experiment, file, run_dir, revision, awb_version, started, status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'running')", run.id(), run.experiment(), run.file(), run.runDir(),
                run.revision(), run.awbVersion(), Instant.now().toString());
    }

    /** Records how a run ended. */
    public void finishRun(String runId, String status) {
        update("UPDATE runs SET finished = ?, status = ? WHERE id = ?", Instant.now().toString(), status, runId);
    }

    /** Records the start of a trial. */
    public void startTrial(String runId, String trialId, int index, long seed, String attention, String config) {
        update("INSERT INTO trials (run_id, id, idx, seed, attention, config, status, started)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'running', ?)", runId, trialId, index, seed, attention, config,
                Instant.now().toString());
    }

    /** Records how a trial ended: {@code finished}, or {@code failed} with its error. */
    public void finishTrial(String runId, String trialId, String status, String error) {
        update("UPDATE trials SET finished = ?, status = ?, error = ? WHERE run_id = ? AND id = ?",
                Instant.now().toString(), status, error, runId, trialId);
    }

    /** Records one measurement; {@code epoch} null for a final value. */
    public void recordMetric(String runId, String trialId, String split, String name, Integer epoch, double value) {
        update("INSERT INTO metrics (run_id, trial_id, split, name, epoch, value) VALUES (?, ?, ?, ?, ?, ?)",
                runId, trialId, split, name, epoch, Double.isFinite(value) ? value : null);
    }

    /** Every metric row of a run, joined with its trial. */
    public List<MetricRow> metrics(String runId) {
        String sql = "SELECT t.id, t.idx, t.seed, t.attention, t.status, m.split, m.name, m.epoch, m.value"
                + " FROM metrics m JOIN trials t ON t.run_id = m.run_id AND t.id = m.trial_id"
                + " WHERE m.run_id = ? ORDER BY t.idx, m.split, m.name, m.epoch";
        List<MetricRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int epoch = rs.getInt(8);
                    Integer epochOrNull = rs.wasNull() ? null : epoch;
                    double value = rs.getDouble(9);
                    rows.add(new MetricRow(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), epochOrNull,
                            rs.wasNull() ? Double.NaN : value));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read metrics of run " + runId + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** The trials of a run with their status and error. */
    public List<TrialRecord> trials(String runId) {
        String sql = "SELECT id, idx, seed, attention, status, error, config FROM trials WHERE run_id = ? ORDER BY idx";
        List<TrialRecord> trials = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    trials.add(new TrialRecord(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read trials of run " + runId + ": " + e.getMessage(), e);
        }
        return trials;
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write to results store " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close results store " + url, e);
        }
    }
}
