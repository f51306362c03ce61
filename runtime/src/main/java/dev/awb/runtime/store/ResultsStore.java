package dev.awb.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The results store: the record of every study, trial and measurement, over JDBC.
 *
 * <p>The store, not any process, is the record of what finished: a trial is identified by the hash of its
 * resolved configuration, registered once per study, and its final metrics are written together with its
 * {@code finished} status in one transaction, so interrupted and repeated runs end with exactly one result
 * per trial. SQLite (a file) by default, any JDBC URL (PostgreSQL) otherwise. SQLite runs in WAL mode with a
 * 10 s busy timeout so that several worker processes can write to one store without losing rows; keep such
 * files on local disk, never NFS.
 *
 * <p>Schema 2: {@code studies}, {@code trials} (primary key study and trial hash; sweep labels and resolved
 * configuration as JSON; status pending/running/finished/failed, error, attempts, worker) and {@code metrics}
 * (split, name, epoch or null for final values, value). Tables of schema 1 are kept, renamed {@code v1_*}.
 */
public final class ResultsStore implements AutoCloseable {
    static final int SCHEMA_VERSION = 2;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS studies (id TEXT PRIMARY KEY, experiment TEXT NOT NULL, file TEXT NOT NULL,"
                + " dir TEXT NOT NULL, spec TEXT NOT NULL, revision TEXT NOT NULL, awb_version TEXT NOT NULL,"
                + " created TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS trials (study_id TEXT NOT NULL REFERENCES studies(id), id TEXT NOT NULL,"
                + " idx INTEGER NOT NULL, seed BIGINT NOT NULL, labels TEXT NOT NULL, config TEXT NOT NULL,"
                + " status TEXT NOT NULL, error TEXT, attempts INTEGER NOT NULL, worker TEXT, started TEXT,"
                + " finished TEXT, PRIMARY KEY (study_id, id))",
        "CREATE TABLE IF NOT EXISTS metrics (study_id TEXT NOT NULL, trial_id TEXT NOT NULL, split TEXT NOT NULL,"
                + " name TEXT NOT NULL, epoch INTEGER, value DOUBLE PRECISION)",
        "CREATE INDEX IF NOT EXISTS metrics_by_trial ON metrics (study_id, trial_id)",
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
                Files.createDirectories(Path.of(location).toAbsolutePath().getParent());
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
            if (isSqlite()) {
                statement.execute("PRAGMA busy_timeout = 10000");
                statement.execute("PRAGMA journal_mode = WAL");
            }
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version == 1) {
                // Schema 1 keyed trials by run, not study; keep its rows for reading, out of the way.
                for (String table : List.of("runs", "trials", "metrics")) {
                    statement.execute("ALTER TABLE " + table + " RENAME TO v1_" + table);
                }
                statement.execute("DROP INDEX IF EXISTS metrics_by_trial");
            } else if (version > SCHEMA_VERSION) {
                throw new SQLException("the store has schema " + version + ", newer than this awb's "
                        + SCHEMA_VERSION + "; use a newer awb or another --store");
            }
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
            if (version != SCHEMA_VERSION) {
                statement.execute("DELETE FROM schema_version");
                statement.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
            }
        }
    }

    private boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** The JDBC URL of this store. */
    public String url() {
        return url;
    }

    /** Records a new study. */
    public void createStudy(StudyRecord study) {
        update("INSERT INTO studies (id, experiment, file, dir, spec, revision, awb_version, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", study.id(), study.experiment(), study.file(), study.dir(),
                study.spec(), study.revision(), study.awbVersion(), study.created());
    }

    /** Updates what can change when a study is resumed: its file, spec, revision and version. */
    public void updateStudy(StudyRecord study) {
        update("UPDATE studies SET file = ?, spec = ?, revision = ?, awb_version = ? WHERE id = ?", study.file(),
                study.spec(), study.revision(), study.awbVersion(), study.id());
    }

    /** The study with {@code id}. */
    public Optional<StudyRecord> study(String id) {
        List<StudyRecord> found = studies("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every study, oldest first. */
    public List<StudyRecord> studies() {
        return studies("");
    }

    /** The studies of {@code experiment}, oldest first. */
    public List<StudyRecord> studiesOf(String experiment) {
        return studies("WHERE experiment = ?", experiment);
    }

    private List<StudyRecord> studies(String where, Object... values) {
        return query("SELECT id, experiment, file, dir, spec, revision, awb_version, created FROM studies " + where
                + " ORDER BY created, id", rs -> new StudyRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), values);
    }

    /**
     * Registers planned trials; trials the study already has (same hash) keep their state. Returns how many
     * were new.
     */
    public int registerTrials(String studyId, Collection<TrialRecord> trials) {
        return transaction(() -> {
            int added = 0;
            String sql = "INSERT INTO trials (study_id, id, idx, seed, labels, config, status, attempts)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0) ON CONFLICT (study_id, id) DO NOTHING";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (TrialRecord trial : trials) {
                    bind(statement, studyId, trial.id(), trial.index(), trial.seed(), trial.labels(), trial.config());
                    added += statement.executeUpdate();
                }
            }
            return added;
        });
    }

    /**
     * Marks a trial as running under {@code worker} unless it is done (finished or diverged); returns false
     * when it was (another process got there first).
     */
    public boolean claimTrial(String studyId, String trialId, String worker) {
        return update("UPDATE trials SET status = 'running', worker = ?, attempts = attempts + 1, started = ?,"
                + " finished = NULL, error = NULL WHERE study_id = ? AND id = ? AND status NOT IN ('finished',"
                + " 'diverged')", worker, now(), studyId, trialId) == 1;
    }

    /** Records one per-epoch measurement of a running trial. */
    public void recordMetric(String studyId, String trialId, String split, String name, int epoch, double value) {
        update("INSERT INTO metrics (study_id, trial_id, split, name, epoch, value) VALUES (?, ?, ?, ?, ?, ?)",
                studyId, trialId, split, name, epoch, Double.isFinite(value) ? value : null);
    }

    /** Records per-epoch measurements of a running trial in one transaction (one commit per epoch, not per row). */
    public void recordMetrics(String studyId, List<MetricRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        transaction(() -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO metrics (study_id, trial_id,"
                    + " split, name, epoch, value) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MetricRow row : rows) {
                    bind(statement, studyId, row.trialId(), row.split(), row.name(), row.epoch(),
                            Double.isFinite(row.value()) ? row.value() : null);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /**
     * Forgets what an interrupted attempt measured after {@code epoch} (the epoch of the checkpoint a resumed
     * trial continues from; 0 for a restart), so that the resumed attempt does not duplicate rows.
     */
    public void discardAfter(String studyId, String trialId, int epoch) {
        update("DELETE FROM metrics WHERE study_id = ? AND trial_id = ? AND (epoch IS NULL OR epoch > ?)", studyId,
                trialId, epoch);
    }

    /** Writes a trial's final values and marks it finished, atomically. */
    public void finishTrial(String studyId, String trialId, List<MetricRow> finals) {
        transaction(() -> {
            update("DELETE FROM metrics WHERE study_id = ? AND trial_id = ? AND epoch IS NULL", studyId, trialId);
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO metrics (study_id, trial_id,"
                    + " split, name, epoch, value) VALUES (?, ?, ?, ?, NULL, ?)")) {
                for (MetricRow row : finals) {
                    bind(statement, studyId, trialId, row.split(), row.name(),
                            Double.isFinite(row.value()) ? row.value() : null);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            update("UPDATE trials SET status = 'finished', error = NULL, finished = ? WHERE study_id = ? AND id = ?",
                    now(), studyId, trialId);
            return null;
        });
    }

    /**
     * Marks a trial diverged (its training loss became NaN or infinite) with {@code reason}: a final outcome
     * like {@code finished}, so it is not run again; the per-epoch metrics before the divergence stay.
     */
    public void divergeTrial(String studyId, String trialId, String reason) {
        transaction(() -> {
            update("DELETE FROM metrics WHERE study_id = ? AND trial_id = ? AND epoch IS NULL", studyId, trialId);
            update("UPDATE trials SET status = 'diverged', error = ?, finished = ? WHERE study_id = ? AND id = ?",
                    reason, now(), studyId, trialId);
            return null;
        });
    }

    /** Marks a trial failed with its error, unless it finished (a late report of a lost worker). */
    public void failTrial(String studyId, String trialId, String error) {
        update("UPDATE trials SET status = 'failed', error = ?, finished = ? WHERE study_id = ? AND id = ?"
                + " AND status NOT IN ('finished', 'diverged')", error, now(), studyId, trialId);
    }

    /** The trials of a study in plan order. */
    public List<TrialRecord> trials(String studyId) {
        return trials("WHERE study_id = ? ORDER BY idx, id", studyId);
    }

    /** The trial {@code trialId} of a study. */
    public Optional<TrialRecord> trial(String studyId, String trialId) {
        return trials("WHERE study_id = ? AND id = ?", studyId, trialId).stream().findFirst();
    }

    private List<TrialRecord> trials(String where, Object... values) {
        return query("SELECT id, idx, seed, labels, config, status, error, attempts, worker, started, finished"
                + " FROM trials " + where, rs -> new TrialRecord(rs.getString(1), rs.getInt(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                rs.getString(10), rs.getString(11)), values);
    }

    /** Every metric row of a study, by trial, split, name and epoch (final values last). */
    public List<MetricRow> metrics(String studyId) {
        return query("SELECT trial_id, split, name, epoch, value FROM metrics WHERE study_id = ?"
                + " ORDER BY trial_id, split, name, CASE WHEN epoch IS NULL THEN 1 ELSE 0 END, epoch", rs -> {
                    int epoch = rs.getInt(4);
                    Integer epochOrNull = rs.wasNull() ? null : epoch;
                    double value = rs.getDouble(5);
                    return new MetricRow(rs.getString(1), rs.getString(2), rs.getString(3), epochOrNull,
                            rs.wasNull() ? Double.NaN : value);
                }, studyId);
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... values) {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read results store " + url + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private <T> T transaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write to results store " + url + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write to results store " + url + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static String now() {
        return Instant.now().toString();
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
