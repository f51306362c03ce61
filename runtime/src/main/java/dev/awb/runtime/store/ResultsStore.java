package dev.awb.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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
 * <p>The schema is kept by versioned Flyway migrations ({@link StoreSchema}): {@code studies}, {@code trials}
 * (primary key study and trial hash; sweep labels, resolved configuration and provenance as JSON; status
 * pending/running/finished/diverged/failed/interrupted, error, attempts, worker; the {@link Claim} token and its
 * lease) and {@code metrics} (split, name, epoch or null for final values, value; unique per trial, split, name
 * and epoch). Tables of schema 1 are kept, renamed {@code v1_*}.
 *
 * <p>A trial is run by whoever {@linkplain #claim claims} it: one conditional update that only one process can
 * win, with a lease its owner renews (the heartbeat); a {@code running} trial whose lease expired is stale and
 * can be claimed again. Liveness therefore never rests on a process id.
 */
public final class ResultsStore implements AutoCloseable {
    private static final String SQLITE = "jdbc:sqlite:";

    private final Connection connection;
    private final StoreLocation location;

    private ResultsStore(Connection connection, StoreLocation location) {
        this.connection = connection;
        this.location = location;
    }

    /** The folder study directories go into unless {@code --runs} names another. */
    public static final String DEFAULT_RUNS = "runs";
    /** The SQLite file a runs folder holds unless {@code store:} or {@code --store} names another store. */
    public static final String DEFAULT_FILE = "awb.sqlite";
    /** The default store of the default runs folder, {@code runs/awb.sqlite}. */
    public static final String DEFAULT_LOCATION = DEFAULT_RUNS + "/" + DEFAULT_FILE;

    /** The default store of the runs folder {@code runs}: {@code RUNS/awb.sqlite}. */
    public static String defaultLocation(java.nio.file.Path runs) {
        return runs.resolve(DEFAULT_FILE).toString();
    }

    /**
     * Opens (creating if needed) the store at {@code location}: a file path for SQLite, a JDBC URL
     * ({@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://HOST:PORT/DB?user=U}) or {@code env:NAME}, one kept in the
     * environment variable {@code NAME} (see {@link StoreLocation}), and migrates its schema to this version. A
     * PostgreSQL password comes from that variable's URL, from {@code PGPASSWORD} or from {@code ~/.pgpass}.
     *
     * @throws InvalidStoreLocation if {@code location} holds a password or names an unset variable
     * @throws StoreException if it cannot be opened or migrated
     */
    public static ResultsStore open(String location) {
        StoreLocation where = StoreLocation.of(location);
        String url = where.url();
        try {
            Path file = sqliteFile(url);
            if (file != null) {
                Files.createDirectories(file.getParent());
            }
            DataSource source = dataSource(url);
            StoreSchema.migrate(source, file);
            return new ResultsStore(source.getConnection(), where);
        } catch (SQLException | IOException | FlywayException e) {
            throw new StoreException("cannot open results store " + where.shown() + ": "
                    + StoreLocation.redacted(String.valueOf(e.getMessage())), e);
        }
    }

    /** The file of a SQLite URL, or null for a server or an in-memory database. */
    private static Path sqliteFile(String url) {
        if (!url.startsWith(SQLITE)) {
            return null;
        }
        String path = url.substring(SQLITE.length()).replaceFirst("\\?.*$", "");
        return path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:") ? null
                : Path.of(path).toAbsolutePath();
    }

    private static DataSource dataSource(String url) {
        if (url.startsWith(SQLITE)) {
            // WAL and a 10 s busy timeout on every connection, Flyway's included: with busy_timeout=0 concurrent
            // writer processes lose rows. Transactions take the write lock when they begin: a deferred one that
            // reads first gets SQLITE_BUSY at once, without waiting, when another process wrote meanwhile.
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(10_000);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource sqlite = new SQLiteDataSource(config);
            sqlite.setUrl(url);
            return sqlite;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            // libpq's PGPASSWORD, which the JDBC driver does not read (it reads ~/.pgpass and PGPASSFILE itself).
            String password = System.getenv("PGPASSWORD");
            if (postgres.getPassword() == null && password != null && !password.isEmpty()) {
                postgres.setPassword(password);
            }
            // An epoch's metric rows go as one multi-row INSERT instead of one statement per row.
            postgres.setReWriteBatchedInserts(true);
            return postgres;
        }
        throw new StoreException("unsupported results store " + redacted(url) + "; use a SQLite file (or"
                + " jdbc:sqlite:FILE) or a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DATABASE?user=USER, the password"
                + " from PGPASSWORD or ~/.pgpass, or the whole URL in a variable named with env:NAME)", null);
    }

    /** {@code url} with any password replaced by {@code ***}, for messages. */
    public static String redacted(String url) {
        return StoreLocation.redacted(url);
    }

    /**
     * This store's location without any password, which reopens it in this process's environment: its
     * {@code env:NAME} when it was named so, else its JDBC URL. Safe to print, and to hand to other connections.
     */
    public String url() {
        return location.given().startsWith(StoreLocation.ENV_PREFIX) ? location.given() : location.url();
    }

    /** Where this store is, as named and as resolved. */
    public StoreLocation location() {
        return location;
    }

    /** Records a new study. */
    public void createStudy(StudyRecord study) {
        if (!createStudyIfAbsent(study)) {
            throw new StoreException("study [" + study.id() + "] already exists in " + location.shown(), null);
        }
    }

    /**
     * Records a new study unless one with its id exists (another driver may create it at the same moment);
     * returns whether this call created it.
     */
    public boolean createStudyIfAbsent(StudyRecord study) {
        return update("INSERT INTO studies (id, experiment, file, dir, spec, revision, awb_version, created)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", study.id(), study.experiment(),
                study.file(), study.dir(), study.spec(), study.revision(), study.awbVersion(), study.created()) == 1;
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
     * Makes {@code trials} the study's current plan: registers the new ones as pending, gives every planned trial
     * its plan position, and takes trials of earlier plans out of the plan (index 0) without deleting them or
     * their metrics. Trials the study already has (same hash) keep their state. Returns how many were new.
     */
    public int registerTrials(String studyId, Collection<TrialRecord> trials) {
        return transaction(() -> {
            int before = count("SELECT COUNT(*) FROM trials WHERE study_id = ?", studyId);
            update("UPDATE trials SET idx = 0 WHERE study_id = ?", studyId);
            String sql = "INSERT INTO trials (study_id, id, idx, seed, labels, config, status, attempts)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0) ON CONFLICT (study_id, id) DO UPDATE SET idx = excluded.idx";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (TrialRecord trial : trials) {
                    bind(statement, studyId, trial.id(), trial.index(), trial.seed(), trial.labels(), trial.config());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return count("SELECT COUNT(*) FROM trials WHERE study_id = ?", studyId) - before;
        });
    }

    private int count(String sql, Object... args) {
        return query(sql, rs -> rs.getInt(1), args).get(0);
    }

    /** The statuses a trial can be claimed from (besides {@code running} under an expired lease). */
    private static final String CLAIMABLE = "(status IN ('pending', 'failed', 'interrupted') OR (status = 'running'"
            + " AND (lease_expires IS NULL OR lease_expires < ?)))";

    /**
     * Claims a trial for {@code owner} under {@code lease}, in one conditional update: it succeeds only when the
     * trial is pending, failed, interrupted, or running under a lease that has expired (its owner is gone), so
     * of several processes claiming one trial at once exactly one gets it. Counts an attempt.
     *
     * @return the claim, or empty when the trial is done or another owner's lease on it is live
     */
    public Optional<Claim> claim(String studyId, String trialId, String owner, LeaseTerms lease) {
        Claim claim = new Claim(studyId, trialId, java.util.UUID.randomUUID().toString(), owner);
        long now = System.currentTimeMillis();
        int claimed = update("UPDATE trials SET status = 'running', claim_token = ?, worker = ?, heartbeat_at = ?,"
                + " lease_expires = ?, attempts = attempts + 1, started = ?, finished = NULL, error = NULL"
                + " WHERE study_id = ? AND id = ? AND " + CLAIMABLE, claim.token(), owner, now,
                now + lease.grace().toMillis(), Instant.ofEpochMilli(now).toString(), studyId, trialId, now);
        return claimed == 1 ? Optional.of(claim) : Optional.empty();
    }

    /**
     * Claims a trial for {@code worker} with the {@linkplain LeaseTerms#configured() configured} lease; returns
     * whether it got it (see {@link #claim(String, String, String, LeaseTerms)}).
     */
    public boolean claimTrial(String studyId, String trialId, String worker) {
        return claim(studyId, trialId, worker, LeaseTerms.configured()).isPresent();
    }

    /**
     * Takes over a claim another process made for this one (a driver claims, its worker runs the trial): renews
     * the lease and records {@code owner} as the trial's worker, if the claim with {@code token} is still held.
     *
     * @return the claim under its new owner, or empty when it is not held (expired and taken, or released)
     */
    public Optional<Claim> adopt(String studyId, String trialId, String token, String owner, LeaseTerms lease) {
        long now = System.currentTimeMillis();
        int held = update("UPDATE trials SET worker = ?, heartbeat_at = ?, lease_expires = ? WHERE study_id = ?"
                + " AND id = ? AND claim_token = ? AND status = 'running'", owner, now, now + lease.grace().toMillis(),
                studyId, trialId, token);
        return held == 1 ? Optional.of(new Claim(studyId, trialId, token, owner)) : Optional.empty();
    }

    /** Renews the lease of {@code claim}; returns false when it is no longer held. */
    public boolean renew(Claim claim, LeaseTerms lease) {
        long now = System.currentTimeMillis();
        return update("UPDATE trials SET heartbeat_at = ?, lease_expires = ? WHERE study_id = ? AND id = ?"
                + " AND claim_token = ? AND status = 'running'", now, now + lease.grace().toMillis(), claim.studyId(),
                claim.trialId(), claim.token()) == 1;
    }

    /** Whether {@code claim} is still held: the trial runs under it. */
    public boolean holds(Claim claim) {
        return !query("SELECT 1 FROM trials WHERE study_id = ? AND id = ? AND claim_token = ? AND status = 'running'",
                rs -> rs.getInt(1), claim.studyId(), claim.trialId(), claim.token()).isEmpty();
    }

    /**
     * Gives a held claim back with status {@code interrupted} (resumable from its checkpoint by the next run, not
     * final) and {@code reason}; returns false when it was not held any more (the trial ended or was taken over).
     */
    public boolean interrupt(Claim claim, String reason) {
        return update("UPDATE trials SET status = 'interrupted', error = ?, claim_token = NULL, lease_expires = NULL,"
                + " finished = ? WHERE study_id = ? AND id = ? AND claim_token = ? AND status = 'running'", reason,
                now(), claim.studyId(), claim.trialId(), claim.token()) == 1;
    }

    /**
     * Renews {@code claim} inside the current transaction, which on PostgreSQL also locks the trial's row until
     * the transaction ends, so nobody takes it over between this check and the write it guards.
     *
     * @throws ClaimLost when it is not held
     */
    private void guard(Claim claim) {
        if (claim == null) {
            return;
        }
        long now = System.currentTimeMillis();
        int held = update("UPDATE trials SET heartbeat_at = ? WHERE study_id = ? AND id = ? AND claim_token = ?"
                + " AND status = 'running'", now, claim.studyId(), claim.trialId(), claim.token());
        if (held != 1) {
            throw new ClaimLost(claim);
        }
    }

    /** Records one per-epoch measurement of a running trial. */
    public void recordMetric(String studyId, String trialId, String split, String name, int epoch, double value) {
        update(INSERT_METRIC, studyId, trialId, split, name, epoch, Double.isFinite(value) ? value : null);
    }

    /**
     * One measurement; a second one with the same key (trial, split, name, epoch; epoch null for a final value)
     * replaces the first: the unique key {@code metrics_key} makes a doubled row impossible.
     */
    private static final String INSERT_METRIC = "INSERT INTO metrics (study_id, trial_id, split, name, epoch, value)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (study_id, trial_id, split, name, COALESCE(epoch, -1))"
            + " DO UPDATE SET value = excluded.value";

    /** Records per-epoch measurements of a running trial in one transaction (one commit per epoch, not per row). */
    public void recordMetrics(String studyId, List<MetricRow> rows) {
        recordMetrics(studyId, null, rows);
    }

    /**
     * Records per-epoch measurements of the trial held by {@code claim} in one transaction.
     *
     * @throws ClaimLost when the claim is no longer held (nothing is written)
     */
    public void recordMetrics(Claim claim, List<MetricRow> rows) {
        recordMetrics(claim.studyId(), claim, rows);
    }

    private void recordMetrics(String studyId, Claim claim, List<MetricRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        transaction(() -> {
            guard(claim);
            try (PreparedStatement statement = connection.prepareStatement(INSERT_METRIC)) {
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

    /** {@link #discardAfter(String, String, int)} for the trial held by {@code claim}; throws {@link ClaimLost}. */
    public void discardAfter(Claim claim, int epoch) {
        transaction(() -> {
            guard(claim);
            discardAfter(claim.studyId(), claim.trialId(), epoch);
            return null;
        });
    }

    /** Writes a trial's final values and marks it finished, atomically. */
    public void finishTrial(String studyId, String trialId, List<MetricRow> finals) {
        finishTrial(studyId, trialId, null, finals);
    }

    /**
     * Writes the final values of the trial held by {@code claim} and marks it finished, atomically.
     *
     * @throws ClaimLost when the claim is no longer held (nothing is written)
     */
    public void finishTrial(Claim claim, List<MetricRow> finals) {
        finishTrial(claim.studyId(), claim.trialId(), claim, finals);
    }

    private void finishTrial(String studyId, String trialId, Claim claim, List<MetricRow> finals) {
        transaction(() -> {
            guard(claim);
            update("DELETE FROM metrics WHERE study_id = ? AND trial_id = ? AND epoch IS NULL", studyId, trialId);
            try (PreparedStatement statement = connection.prepareStatement(INSERT_METRIC)) {
                for (MetricRow row : finals) {
                    bind(statement, studyId, trialId, row.split(), row.name(), null,
                            Double.isFinite(row.value()) ? row.value() : null);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            update("UPDATE trials SET status = 'finished', error = NULL, finished = ?, lease_expires = NULL"
                    + " WHERE study_id = ? AND id = ?", now(), studyId, trialId);
            return null;
        });
    }

    /**
     * Marks a trial diverged (its training loss became NaN or infinite) with {@code reason}: a final outcome
     * like {@code finished}, so it is not run again; the per-epoch metrics before the divergence stay.
     */
    public void divergeTrial(String studyId, String trialId, String reason) {
        divergeTrial(studyId, trialId, null, reason);
    }

    /** {@link #divergeTrial(String, String, String)} for the trial held by {@code claim}; throws {@link ClaimLost}. */
    public void divergeTrial(Claim claim, String reason) {
        divergeTrial(claim.studyId(), claim.trialId(), claim, reason);
    }

    private void divergeTrial(String studyId, String trialId, Claim claim, String reason) {
        transaction(() -> {
            guard(claim);
            update("DELETE FROM metrics WHERE study_id = ? AND trial_id = ? AND epoch IS NULL", studyId, trialId);
            update("UPDATE trials SET status = 'diverged', error = ?, finished = ?, lease_expires = NULL"
                    + " WHERE study_id = ? AND id = ?", reason, now(), studyId, trialId);
            return null;
        });
    }

    /** Marks a trial failed with its error, unless it finished (a late report of a lost worker). */
    public void failTrial(String studyId, String trialId, String error) {
        update("UPDATE trials SET status = 'failed', error = ?, finished = ?, lease_expires = NULL WHERE study_id = ?"
                + " AND id = ? AND status NOT IN ('finished', 'diverged')", error, now(), studyId, trialId);
    }

    /**
     * Marks the trial held by {@code claim} failed with its error; returns false (and changes nothing) when the
     * claim is no longer held: the trial ended, was interrupted, or another process took it over.
     */
    public boolean failTrial(Claim claim, String error) {
        return update("UPDATE trials SET status = 'failed', error = ?, finished = ?, lease_expires = NULL"
                + " WHERE study_id = ? AND id = ? AND claim_token = ? AND status = 'running'", error, now(),
                claim.studyId(), claim.trialId(), claim.token()) == 1;
    }

    /** The trials of a study's current plan, in plan order (see {@link #registerTrials}). */
    public List<TrialRecord> trials(String studyId) {
        return trials("WHERE study_id = ? AND idx > 0 ORDER BY idx, id", studyId);
    }

    /** Every trial a study ever planned: its current plan's first, in plan order, then earlier plans' trials. */
    public List<TrialRecord> allTrials(String studyId) {
        return trials("WHERE study_id = ? ORDER BY CASE WHEN idx > 0 THEN 0 ELSE 1 END, idx, id", studyId);
    }

    /** The trial {@code trialId} of a study. */
    public Optional<TrialRecord> trial(String studyId, String trialId) {
        return trials("WHERE study_id = ? AND id = ?", studyId, trialId).stream().findFirst();
    }

    /**
     * Stores the provenance (JSON) of a trial's current attempt: what ran it, with which plugins and code.
     */
    public void recordProvenance(String studyId, String trialId, String provenanceJson) {
        update("UPDATE trials SET provenance = ? WHERE study_id = ? AND id = ?", provenanceJson, studyId, trialId);
    }

    /** {@link #recordProvenance(String, String, String)} for the trial held by {@code claim}; throws {@link ClaimLost}. */
    public void recordProvenance(Claim claim, String provenanceJson) {
        if (update("UPDATE trials SET provenance = ? WHERE study_id = ? AND id = ? AND claim_token = ?"
                + " AND status = 'running'", provenanceJson, claim.studyId(), claim.trialId(), claim.token()) != 1) {
            throw new ClaimLost(claim);
        }
    }

    /** The provenance (JSON) of a trial's last attempt; empty when it never started or predates provenance. */
    public Optional<String> provenance(String studyId, String trialId) {
        return query("SELECT provenance FROM trials WHERE study_id = ? AND id = ? AND provenance IS NOT NULL",
                rs -> rs.getString(1), studyId, trialId).stream().findFirst();
    }

    /**
     * The trials of every study whose id starts with {@code idPrefix} (the same trial can be in several
     * studies), oldest study first.
     */
    public List<StudyTrial> findTrials(String idPrefix) {
        String pattern = idPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return query("SELECT t.study_id, t.id, t.idx, t.seed, t.labels, t.config, t.status, t.error, t.attempts,"
                + " t.worker, t.started, t.finished, t.heartbeat_at, t.lease_expires FROM trials t JOIN studies s ON s.id = t.study_id"
                + " WHERE t.id LIKE ? ESCAPE '\\' ORDER BY s.created, s.id, t.idx, t.id",
                rs -> new StudyTrial(rs.getString(1), trial(rs, 2)), pattern);
    }

    /** How many trials of a study's current plan have each status, by status name. */
    public Map<String, Integer> statusCounts(String studyId) {
        Map<String, Integer> counts = new TreeMap<>();
        query("SELECT status, COUNT(*) FROM trials WHERE study_id = ? AND idx > 0 GROUP BY status",
                rs -> counts.put(rs.getString(1), rs.getInt(2)), studyId);
        return counts;
    }

    /** The final values (epoch null) of every trial of a study, by trial, split and name. */
    public List<MetricRow> finalMetrics(String studyId) {
        return query("SELECT trial_id, split, name, epoch, value FROM metrics WHERE study_id = ? AND epoch IS NULL"
                + " ORDER BY trial_id, split, name", ResultsStore::metric, studyId);
    }

    /** The final values (epoch null) of one trial, by split and name. */
    public List<MetricRow> finalMetrics(String studyId, String trialId) {
        return query("SELECT trial_id, split, name, epoch, value FROM metrics WHERE study_id = ? AND trial_id = ?"
                + " AND epoch IS NULL ORDER BY split, name", ResultsStore::metric, studyId, trialId);
    }

    private List<TrialRecord> trials(String where, Object... values) {
        return query("SELECT id, idx, seed, labels, config, status, error, attempts, worker, started, finished,"
                + " heartbeat_at, lease_expires FROM trials " + where, rs -> trial(rs, 1), values);
    }

    private static TrialRecord trial(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new TrialRecord(rs.getString(i), rs.getInt(i + 1), rs.getLong(i + 2), rs.getString(i + 3),
                rs.getString(i + 4), rs.getString(i + 5), rs.getString(i + 6), rs.getInt(i + 7), rs.getString(i + 8),
                rs.getString(i + 9), rs.getString(i + 10), instant(rs, i + 11), instant(rs, i + 12));
    }

    /** A column of milliseconds since the epoch as an instant, or null. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Every metric row of a study, by trial, split, name and epoch (final values last). */
    public List<MetricRow> metrics(String studyId) {
        return query("SELECT trial_id, split, name, epoch, value FROM metrics WHERE study_id = ?"
                + " ORDER BY trial_id, split, name, CASE WHEN epoch IS NULL THEN 1 ELSE 0 END, epoch",
                ResultsStore::metric, studyId);
    }

    /** Every metric row of one trial of a study, by split, name and epoch (final values last). */
    public List<MetricRow> metrics(String studyId, String trialId) {
        return query("SELECT trial_id, split, name, epoch, value FROM metrics WHERE study_id = ? AND trial_id = ?"
                + " ORDER BY split, name, CASE WHEN epoch IS NULL THEN 1 ELSE 0 END, epoch",
                ResultsStore::metric, studyId, trialId);
    }

    /**
     * The last per-epoch value of metric {@code split.name} of every trial of a study that has one (at its highest
     * epoch): what a live view shows as a trial's current loss, without reading every row of the study.
     */
    public List<MetricRow> lastEpochValues(String studyId, String split, String name) {
        return query("SELECT m.trial_id, m.split, m.name, m.epoch, m.value FROM metrics m JOIN (SELECT trial_id,"
                + " MAX(epoch) AS last FROM metrics WHERE study_id = ? AND split = ? AND name = ? AND epoch IS NOT NULL"
                + " GROUP BY trial_id) l ON m.trial_id = l.trial_id AND m.epoch = l.last"
                + " WHERE m.study_id = ? AND m.split = ? AND m.name = ?", ResultsStore::metric,
                studyId, split, name, studyId, split, name);
    }

    private static MetricRow metric(ResultSet rs) throws SQLException {
        int epoch = rs.getInt(4);
        Integer epochOrNull = rs.wasNull() ? null : epoch;
        double value = rs.getDouble(5);
        // wasNull() speaks of the last column read, so it must be asked before reading the others.
        double valueOrNaN = rs.wasNull() ? Double.NaN : value;
        return new MetricRow(rs.getString(1), rs.getString(2), rs.getString(3), epochOrNull, valueOrNaN);
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
            throw new StoreException("cannot read results store " + location.shown() + ": " + e.getMessage(), e);
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
            throw new StoreException("cannot write to results store " + location.shown() + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write to results store " + location.shown() + ": " + e.getMessage(), e);
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
            throw new StoreException("cannot close results store " + location.shown(), e);
        }
    }
}
