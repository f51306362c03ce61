package dev.awb.runtime.store;

import static dev.awb.runtime.store.ResultsStoreTests.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

/**
 * Claims on trials, on SQLite and on a real PostgreSQL server: exclusive while their lease is renewed, taken over
 * once it expired (no process id involved), given back as interrupted; writes under a lost claim store nothing;
 * a measurement can be stored only once.
 */
class TrialClaimsTests {
    private static final String STUDY = "s";
    private static final LeaseTerms LONG = new LeaseTerms(Duration.ofSeconds(10), Duration.ofMinutes(10));
    private static final LeaseTerms SHORT = new LeaseTerms(Duration.ofMillis(1), Duration.ofMillis(20));
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

    private String storeWithTrials(Backend backend, String... trials) {
        String location = backend == Backend.SQLITE ? dir.resolve("awb.sqlite").toString()
                : postgres.createDatabase("claims");
        try (ResultsStore store = ResultsStore.open(location)) {
            store.createStudy(new StudyRecord(STUDY, "exp", "/x.yaml", "/runs/s", "{}", "rev", "0.1",
                    "2025-01-01T00:00:00Z"));
            List<TrialRecord> planned = new ArrayList<>();
            for (int i = 0; i < trials.length; i++) {
                planned.add(TrialRecord.planned(trials[i], i + 1, i + 1, "{}", "{}"));
            }
            store.registerTrials(STUDY, planned);
        }
        return location;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLiveClaimExcludesEveryOtherClaimerAndAFinishedTrialIsNeverClaimed(Backend backend) {
        try (ResultsStore store = ResultsStore.open(storeWithTrials(backend, "aa"))) {
            Claim first = store.claim(STUDY, "aa", "host-a:1", LONG).orElseThrow();
            assertEquals(Optional.empty(), store.claim(STUDY, "aa", "host-b:2", LONG), "held under a live lease");
            assertTrue(store.adopt(STUDY, "aa", first.token(), "host-a:7", LONG).isPresent(), "its worker takes it over");
            assertEquals(Optional.empty(), store.adopt(STUDY, "aa", "another-token", "host-b:2", LONG));
            store.finishTrial(first, List.of(new MetricRow("aa", "test", "accuracy", null, 0.5)));
            assertEquals(Optional.empty(), store.claim(STUDY, "aa", "host-b:2", SHORT));
            TrialRecord aa = store.trial(STUDY, "aa").orElseThrow();
            assertEquals(List.of("finished", "1", "host-a:7"), List.of(aa.status(), "" + aa.attempts(), aa.worker()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ofManyProcessesClaimingOneTrialAtOnceExactlyOneGetsIt(Backend backend) throws Exception {
        String location = storeWithTrials(backend, "aa", "bb", "cc");
        int claimers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            for (String trial : List.of("aa", "bb", "cc")) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int c = 0; c < claimers; c++) {
                    String owner = "host:" + c;
                    // One connection per claimer, as separate processes have.
                    ResultsStore store = ResultsStore.open(location);
                    results.add(pool.submit(() -> {
                        try (store) {
                            start.await();
                            return store.claim(STUDY, trial, owner, LONG).isPresent();
                        }
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> result : results) {
                    won += result.get() ? 1 : 0;
                }
                assertEquals(1, won, "claims of trial " + trial);
            }
        } finally {
            pool.shutdownNow();
        }
        try (ResultsStore store = ResultsStore.open(location)) {
            assertEquals(List.of(1, 1, 1), store.trials(STUDY).stream().map(TrialRecord::attempts).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aClaimWhoseLeaseExpiredIsTakenOverAndItsOwnerCanNoLongerWrite(Backend backend) throws Exception {
        try (ResultsStore store = ResultsStore.open(storeWithTrials(backend, "aa"))) {
            // The owner is this very process, alive: only the lease counts, never whether a pid lives.
            Claim gone = store.claim(STUDY, "aa", "host:" + ProcessHandle.current().pid(), SHORT).orElseThrow();
            store.recordMetrics(gone, List.of(new MetricRow("aa", "train", "loss", 1, 2.0)));
            awaitExpiry(store);
            assertTrue(store.trial(STUDY, "aa").orElseThrow().isStale(Instant.now()));
            assertTrue(store.trial(STUDY, "aa").orElseThrow().statusAt(Instant.now())
                    .startsWith("running (stale: no heartbeat since "));

            Claim next = store.claim(STUDY, "aa", "host-b:2", LONG).orElseThrow();
            assertFalse(store.renew(gone, SHORT));
            assertThrows(ClaimLost.class, () -> store.recordMetrics(gone, List.of(new MetricRow("aa", "train", "loss", 2,
                    9.0))));
            assertThrows(ClaimLost.class, () -> store.finishTrial(gone, List.of()));
            assertFalse(store.failTrial(gone, "late"));
            assertFalse(store.interrupt(gone, "late"));
            assertTrue(store.renew(next, LONG));
            TrialRecord aa = store.trial(STUDY, "aa").orElseThrow();
            assertEquals(List.of("running", "2", "host-b:2"), List.of(aa.status(), "" + aa.attempts(), aa.worker()));
            assertEquals(List.of("train loss 1 2.0"), store.metrics(STUDY).stream()
                    .map(m -> m.split() + " " + m.name() + " " + m.epoch() + " " + m.value()).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInterruptedTrialIsResumableNotFinal(Backend backend) {
        try (ResultsStore store = ResultsStore.open(storeWithTrials(backend, "aa"))) {
            Claim claim = store.claim(STUDY, "aa", "host:1", LONG).orElseThrow();
            assertTrue(store.interrupt(claim, "interrupted: its driver was stopped"));
            TrialRecord aa = store.trial(STUDY, "aa").orElseThrow();
            assertEquals(List.of("interrupted", "interrupted: its driver was stopped"), List.of(aa.status(), aa.error()));
            assertFalse(aa.isDone());
            assertThrows(ClaimLost.class, () -> store.recordMetrics(claim, List.of(new MetricRow("aa", "train", "loss",
                    1, 1.0))));
            assertTrue(store.claim(STUDY, "aa", "host:2", LONG).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMeasurementWrittenTwiceIsStoredOnceWithItsLastValue(Backend backend) throws SQLException {
        String location = storeWithTrials(backend, "aa");
        try (ResultsStore store = ResultsStore.open(location)) {
            Claim claim = store.claim(STUDY, "aa", "host:1", LONG).orElseThrow();
            store.recordMetrics(claim, List.of(new MetricRow("aa", "train", "loss", 1, 2.0)));
            store.recordMetrics(claim, List.of(new MetricRow("aa", "train", "loss", 1, 1.5),
                    new MetricRow("aa", "train", "loss", 2, 1.0)));
            store.recordMetric(STUDY, "aa", "train", "loss", 2, 0.75);
            store.finishTrial(claim, List.of(new MetricRow("aa", "test", "accuracy", null, 0.5)));
            store.finishTrial(STUDY, "aa", List.of(new MetricRow("aa", "test", "accuracy", null, 0.625)));
            assertEquals(List.of("test accuracy null 0.625", "train loss 1 1.5", "train loss 2 0.75"),
                    store.metrics(STUDY).stream().map(m -> m.split() + " " + m.name() + " " + m.epoch() + " "
                            + m.value()).toList());
        }
        try (Connection db = connect(location); Statement statement = db.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO metrics (study_id, trial_id,"
                    + " split, name, epoch, value) VALUES ('s', 'aa', 'test', 'accuracy', NULL, 0.1)"),
                    "the unique key refuses a second final value");
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO metrics (study_id, trial_id,"
                    + " split, name, epoch, value) VALUES ('s', 'aa', 'train', 'loss', 1, 0.1)"),
                    "the unique key refuses a second per-epoch value");
        }
    }

    @Test
    void migratingAStoreOfSchema3KeepsOneOfEachDoubledRowAndMakesItsRunningRowsStale() throws Exception {
        Path file = dir.resolve("schema-3.sqlite");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure(StoreSchema.class.getClassLoader()).dataSource(source).locations(StoreSchema.LOCATION)
                .target("3").load().migrate();
        try (Connection db = source.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO studies VALUES ('s', 'exp', '/x.yaml', '/runs/s', '{}', 'rev', '0.1',"
                    + " '2025-01-01T00:00:00Z')");
            statement.execute("INSERT INTO trials (study_id, id, idx, seed, labels, config, status, attempts, worker,"
                    + " started) VALUES ('s', 'aa', 1, 1, '{}', '{}', 'running', 2, 'host:1', '2025-01-01T00:00:00Z')");
            for (String row : List.of("'train', 'loss', 1, 0.5", "'train', 'loss', 1, 0.5", "'train', 'loss', 2, 0.25",
                    "'test', 'accuracy', NULL, 0.75", "'test', 'accuracy', NULL, 0.75")) {
                statement.execute("INSERT INTO metrics VALUES ('s', 'aa', " + row + ")");
            }
        }
        try (ResultsStore store = ResultsStore.open(file.toString())) {
            assertEquals(List.of("test accuracy null 0.75", "train loss 1 0.5", "train loss 2 0.25"),
                    store.metrics(STUDY).stream().map(m -> m.split() + " " + m.name() + " " + m.epoch() + " "
                            + m.value()).toList());
            TrialRecord aa = store.trial(STUDY, "aa").orElseThrow();
            assertTrue(aa.isStale(Instant.now()), "a running row from before claims has no lease to renew");
            assertTrue(store.claim(STUDY, "aa", "host:2", LONG).isPresent());
        }
        try (Connection db = connect(file.toString())) {
            assertEquals(List.of("4"), column(db, "SELECT MAX(version) FROM flyway_schema_history"));
        }
    }

    private static void awaitExpiry(ResultsStore store) throws InterruptedException {
        while (!store.trial(STUDY, "aa").orElseThrow().isStale(Instant.now())) {
            Thread.sleep(5);
        }
    }

    private static Connection connect(String location) throws SQLException {
        return DriverManager.getConnection(location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location);
    }
}
