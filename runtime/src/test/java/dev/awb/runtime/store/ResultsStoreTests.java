package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/**
 * The results store on SQLite and on a real PostgreSQL server: the same behaviour, the same migrations, and
 * stores written by earlier versions (golden files in {@code src/test/resources/dev/awb/runtime/store}) open
 * with every row intact.
 */
class ResultsStoreTests {
    private static final String STUDY = "s";
    private static PostgresServer postgres;

    @TempDir
    Path dir;

    enum Backend { SQLITE, POSTGRESQL }

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A new, empty store location on {@code backend}. */
    private String emptyStore(Backend backend) {
        return backend == Backend.SQLITE ? dir.resolve("awb.sqlite").toString() : postgres.createDatabase("store");
    }

    private static StudyRecord study(String id, String created) {
        return new StudyRecord(id, "exp", "/x.yaml", "/runs/" + id, "{}", "rev", "0.1", created);
    }

    private static TrialRecord planned(String id, int index) {
        return TrialRecord.planned(id, index, index, "{\"variant\":\"v" + index + "\"}", "{\"i\":" + index + "}");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void registersEachTrialOnceAndFinishesItWithItsFinalValuesAtomically(Backend backend) {
        try (ResultsStore store = ResultsStore.open(emptyStore(backend))) {
            store.createStudy(study(STUDY, "2025-01-01T00:00:00Z"));
            assertEquals(2, store.registerTrials(STUDY, List.of(planned("aa", 1), planned("bb", 2))));
            assertEquals(1, store.registerTrials(STUDY, List.of(planned("aa", 1), planned("bb", 2), planned("cc", 3))));

            assertTrue(store.claimTrial(STUDY, "aa", "host:1"));
            store.recordMetrics(STUDY, List.of(new MetricRow("aa", "train", "loss", 1, 0.5),
                    new MetricRow("aa", "validation", "accuracy", 1, Double.NaN)));
            store.finishTrial(STUDY, "aa", List.of(new MetricRow("aa", "test", "accuracy", null, 0.75)));
            assertFalse(store.claimTrial(STUDY, "aa", "host:2"), "a finished trial is never claimed again");
            store.failTrial(STUDY, "aa", "late report of a lost worker");

            TrialRecord aa = store.trial(STUDY, "aa").orElseThrow();
            assertEquals(List.of("finished", "1", "host:1"), List.of(aa.status(), String.valueOf(aa.attempts()), aa.worker()));
            assertEquals(List.of("test accuracy null 0.75", "train loss 1 0.5", "validation accuracy 1 NaN"),
                    store.metrics(STUDY).stream().map(m -> m.split() + " " + m.name() + " " + m.epoch() + " " + m.value())
                            .toList());
            assertEquals(List.of("aa", "bb", "cc"), store.trials(STUDY).stream().map(TrialRecord::id).toList());
            assertEquals(Map.of("finished", 1, "pending", 2), store.statusCounts(STUDY));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forgetsWhatAnInterruptedAttemptMeasuredAfterItsCheckpoint(Backend backend) {
        try (ResultsStore store = ResultsStore.open(emptyStore(backend))) {
            store.createStudy(study(STUDY, "2025-01-01T00:00:00Z"));
            store.registerTrials(STUDY, List.of(planned("aa", 1)));
            store.claimTrial(STUDY, "aa", "host:1");
            for (int epoch = 1; epoch <= 3; epoch++) {
                store.recordMetrics(STUDY, List.of(new MetricRow("aa", "train", "loss", epoch, 1.0 / epoch)));
            }
            store.failTrial(STUDY, "aa", "killed");
            assertTrue(store.claimTrial(STUDY, "aa", "host:2"));
            store.discardAfter(STUDY, "aa", 1);
            assertEquals(List.of(1), store.metrics(STUDY).stream().map(MetricRow::epoch).toList());
            assertEquals(2, store.trial(STUDY, "aa").orElseThrow().attempts());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsEachTrialsProvenance(Backend backend) {
        try (ResultsStore store = ResultsStore.open(emptyStore(backend))) {
            store.createStudy(study(STUDY, "2025-01-01T00:00:00Z"));
            store.registerTrials(STUDY, List.of(planned("aa", 1), planned("bb", 2)));
            String json = "{\"worker\":\"host:1\",\"bundles\":[{\"sha256\":\"00ff\"}]}";
            store.recordProvenance(STUDY, "aa", json);
            assertEquals(Optional.of(json), store.provenance(STUDY, "aa"));
            assertEquals(Optional.empty(), store.provenance(STUDY, "bb"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void findsTrialsByIdPrefixInEveryStudy(Backend backend) {
        try (ResultsStore store = ResultsStore.open(emptyStore(backend))) {
            store.createStudy(study("old", "2025-01-01T00:00:00Z"));
            store.createStudy(study("new", "2025-02-01T00:00:00Z"));
            store.registerTrials("new", List.of(planned("ab12", 1), planned("ab_x", 2)));
            store.registerTrials("old", List.of(planned("ab12", 1), planned("cd34", 2)));
            assertEquals(List.of("old/ab12", "new/ab12"), ids(store.findTrials("ab1")));
            assertEquals(List.of("old/ab12", "new/ab12", "new/ab_x"), ids(store.findTrials("ab")));
            assertEquals(List.of("new/ab_x"), ids(store.findTrials("ab_")), "_ is not a wildcard");
            assertEquals(List.of(), ids(store.findTrials("%")), "% is not a wildcard");

            store.claimTrial("old", "cd34", "host:1");
            store.finishTrial("old", "cd34", List.of(new MetricRow("cd34", "test", "accuracy", null, 0.5)));
            store.recordMetrics("old", List.of(new MetricRow("ab12", "train", "loss", 1, 2.0)));
            assertEquals(List.of("cd34 test accuracy 0.5"), store.finalMetrics("old").stream()
                    .map(m -> m.trialId() + " " + m.split() + " " + m.name() + " " + m.value()).toList());
        }
    }

    private static List<String> ids(List<StudyTrial> trials) {
        return trials.stream().map(t -> t.studyId() + "/" + t.trial().id()).toList();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void migratesANewStoreOnceAndReopensItUnchanged(Backend backend) throws SQLException {
        String location = emptyStore(backend);
        ResultsStore.open(location).close();
        try (ResultsStore store = ResultsStore.open(location)) {
            store.createStudy(study(STUDY, "2025-01-01T00:00:00Z"));
        }
        try (Connection db = connect(location)) {
            assertEquals(List.of("1 Set schema 1 aside", "2 studies trials metrics", "3 trial provenance",
                    "4 trial claims and unique metrics"),
                    column(db, "SELECT version || ' ' || description FROM flyway_schema_history WHERE success"
                            + " ORDER BY installed_rank"));
            assertFalse(tables(db).contains("schema_version"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void baselinesAStoreOfSchema2WithoutLosingARow(Backend backend) throws Exception {
        String location = legacyStore(backend, "schema-2.sqlite");
        try (ResultsStore store = ResultsStore.open(location)) {
            assertSchema2FixtureIntact(store);
            store.recordProvenance("ablation", "0123456789abcdef", "{}");
            assertEquals(Optional.of("{}"), store.provenance("ablation", "0123456789abcdef"));
        }
        try (Connection db = connect(location)) {
            assertEquals(List.of("2 <baseline>", "3 trial provenance", "4 trial claims and unique metrics"), column(db, "SELECT version || ' ' || CASE"
                    + " WHEN type = 'BASELINE' THEN '<baseline>' ELSE description END FROM flyway_schema_history"
                    + " ORDER BY installed_rank"));
            assertFalse(tables(db).contains("schema_version"), "the hand-written schema marker is gone");
        }
    }

    @Test
    void setsTheTablesOfASchema1StoreAsideAndKeepsTheirRows() throws Exception {
        String location = legacyStore(Backend.SQLITE, "schema-1.sqlite");
        try (ResultsStore store = ResultsStore.open(location)) {
            assertEquals(List.of(), store.studies());
            store.createStudy(study(STUDY, "2025-01-01T00:00:00Z"));
        }
        try (Connection db = connect(location)) {
            assertEquals(List.of("1"), column(db, "SELECT COUNT(*) FROM v1_runs"));
            assertEquals(List.of("a1b2c3d4e5f6 finished"), column(db, "SELECT id || ' ' || status FROM v1_trials"));
            assertEquals(List.of("4"), column(db, "SELECT COUNT(*) FROM v1_metrics"));
            assertEquals(List.of("0 <baseline>", "1 Set schema 1 aside", "2 studies trials metrics", "3 trial provenance",
                    "4 trial claims and unique metrics"),
                    column(db, "SELECT version || ' ' || CASE WHEN type = 'BASELINE' THEN '<baseline>' ELSE description"
                            + " END FROM flyway_schema_history ORDER BY installed_rank"));
        }
    }

    @Test
    void opensAStoreThatTheHandWrittenCodeUpgradedFromSchema1() throws Exception {
        String location = legacyStore(Backend.SQLITE, "schema-2-from-1.sqlite");
        try (ResultsStore store = ResultsStore.open(location)) {
            assertSchema2FixtureIntact(store);
        }
        try (Connection db = connect(location)) {
            assertEquals(List.of("a1b2c3d4e5f6 finished"), column(db, "SELECT id || ' ' || status FROM v1_trials"));
        }
    }

    @Test
    void latestNamesTheNewestMigration() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("info.sqlite"));
        MigrationInfo[] all = Flyway.configure(StoreSchema.class.getClassLoader()).dataSource(source)
                .locations(StoreSchema.LOCATION).load().info().all();
        assertEquals(String.valueOf(StoreSchema.LATEST), all[all.length - 1].getVersion().getVersion(),
                "StoreSchema.LATEST must be raised with every new migration");
    }

    @Test
    void rejectsAnUnsupportedUrlNamingTheChoices() {
        StoreException e = assertThrows(StoreException.class,
                () -> ResultsStore.open("jdbc:mysql://db/awb?user=u"));
        assertEquals("unsupported results store jdbc:mysql://db/awb?user=u; use a SQLite file (or"
                + " jdbc:sqlite:FILE) or a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DATABASE?user=USER, the password"
                + " from PGPASSWORD or ~/.pgpass, or the whole URL in a variable named with env:NAME)", e.getMessage());
    }

    /** What {@code schema-2.sqlite} holds (written by the schema-2 code; see the README beside it). */
    private static void assertSchema2FixtureIntact(ResultsStore store) {
        StudyRecord study = store.study("ablation").orElseThrow();
        assertEquals(List.of("ablation", "afe9313", "2025-01-01T00:00:00Z"),
                List.of(study.experiment(), study.revision(), study.created()));
        assertEquals(List.of("0123456789abcdef finished 1", "0123aaaa00000000 failed 1", "fedcba9876543210 pending 0"),
                store.trials("ablation").stream().map(t -> t.id() + " " + t.status() + " " + t.attempts()).toList());
        assertEquals("java.lang.OutOfMemoryError: Java heap space",
                store.trial("ablation", "0123aaaa00000000").orElseThrow().error());
        List<MetricRow> rows = store.metrics("ablation");
        assertEquals(9, rows.size(), rows.toString());
        assertEquals(List.of(0.875, 0.3125), store.finalMetrics("ablation").stream().map(MetricRow::value).toList());
    }

    /**
     * A copy of a golden store on {@code backend}: the file itself for SQLite; for PostgreSQL, its tables (with
     * the DDL the schema-2 code ran) and every row copied into a new database.
     */
    private String legacyStore(Backend backend, String fixture) throws IOException, SQLException {
        Path file = dir.resolve(fixture);
        try (InputStream in = ResultsStoreTests.class.getResourceAsStream(fixture)) {
            Files.copy(in, file);
        }
        if (backend == Backend.SQLITE) {
            return file.toString();
        }
        String url = postgres.createDatabase("legacy");
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + file);
                Connection to = DriverManager.getConnection(url);
                Statement ddl = to.createStatement()) {
            for (String statement : SCHEMA_2_DDL) {
                ddl.execute(statement);
            }
            for (String table : List.of("schema_version", "studies", "trials", "metrics")) {
                copyRows(from, to, table);
            }
        }
        return url;
    }

    /** The DDL of the hand-written schema-2 code (ResultsStore before Flyway), verbatim. */
    private static final List<String> SCHEMA_2_DDL = List.of(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS studies (id TEXT PRIMARY KEY, experiment TEXT NOT NULL, file TEXT NOT NULL,"
                    + " dir TEXT NOT NULL, spec TEXT NOT NULL, revision TEXT NOT NULL, awb_version TEXT NOT NULL,"
                    + " created TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS trials (study_id TEXT NOT NULL REFERENCES studies(id), id TEXT NOT NULL,"
                    + " idx INTEGER NOT NULL, seed BIGINT NOT NULL, labels TEXT NOT NULL, config TEXT NOT NULL,"
                    + " status TEXT NOT NULL, error TEXT, attempts INTEGER NOT NULL, worker TEXT, started TEXT,"
                    + " finished TEXT, PRIMARY KEY (study_id, id))",
            "CREATE TABLE IF NOT EXISTS metrics (study_id TEXT NOT NULL, trial_id TEXT NOT NULL, split TEXT NOT NULL,"
                    + " name TEXT NOT NULL, epoch INTEGER, value DOUBLE PRECISION)",
            "CREATE INDEX IF NOT EXISTS metrics_by_trial ON metrics (study_id, trial_id)");

    private static void copyRows(Connection from, Connection to, String table) throws SQLException {
        try (Statement select = from.createStatement(); ResultSet rs = select.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.executeUpdate();
                }
            }
        }
    }

    private static Connection connect(String location) throws SQLException {
        return DriverManager.getConnection(location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location);
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, db.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    static List<String> column(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
