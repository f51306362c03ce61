package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb worker} runs only a trial it holds: with its driver's claim token, or (as a Slurm task) with a
 * claim of its own. A trial held by another live process is not run (exit 3), a done one not again (exit 0);
 * both are decided before the worker starts its plugins.
 */
class WorkerClaimTests {
    private static final Path QUICKSTART = Path.of("..", "experiments", "quickstart.yaml");
    private static final LeaseTerms LONG = new LeaseTerms(Duration.ofSeconds(10), Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private String store;

    @BeforeEach
    void registerATrial() {
        store = dir.resolve("awb.sqlite").toString();
        try (ResultsStore results = ResultsStore.open(store)) {
            results.createStudy(new StudyRecord("s", "quickstart", QUICKSTART.toString(), dir.resolve("s").toString(),
                    "{}", "rev", "0.1", "2025-01-01T00:00:00Z"));
            results.registerTrials("s", List.of(TrialRecord.planned("t1", 1, 1, "{}", "{}")));
        }
    }

    private int worker(StringWriter err, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("worker", "--study", "s",
                "--store", store, "--trial", "t1", "--plugins", dir.resolve("plugins").toString()));
        args.addAll(List.of(extra));
        return Awb.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }

    @Test
    void aWorkerWhoseDriversClaimWasTakenOverDoesNotRunTheTrial() {
        String taken;
        try (ResultsStore results = ResultsStore.open(store)) {
            taken = results.claim("s", "t1", "driver-a:1", LONG).orElseThrow().token();
            results.interrupt(new Claim("s", "t1", taken, "driver-a:1"), "interrupted: stopped");
            results.claim("s", "t1", "driver-b:2", LONG).orElseThrow();
        }
        StringWriter err = new StringWriter();
        assertEquals(3, worker(err, "--claim", taken), err.toString());
        assertTrue(err.toString().contains("[worker] trial t1 is running under driver-b:2 since "), err.toString());
        assertTrue(err.toString().contains("the claim its driver made (" + taken + ") is no longer held; not running it"),
                err.toString());
        try (ResultsStore results = ResultsStore.open(store)) {
            TrialRecord trial = results.trial("s", "t1").orElseThrow();
            assertEquals(List.of("running", "driver-b:2", "2"), List.of(trial.status(), trial.worker(),
                    String.valueOf(trial.attempts())), "the other holder's claim is untouched");
        }
    }

    @Test
    void aWorkerWithoutADriverClaimsTheTrialItselfAndLeavesOneHeldByAnotherLiveProcess() {
        try (ResultsStore results = ResultsStore.open(store)) {
            results.claim("s", "t1", "node7:48211", LONG).orElseThrow();
        }
        StringWriter err = new StringWriter();
        assertEquals(3, worker(err), err.toString());
        assertTrue(err.toString().contains("[worker] trial t1 is running under node7:48211 since "), err.toString());
    }

    @Test
    void aWorkerForAFinishedTrialRunsNothing() {
        try (ResultsStore results = ResultsStore.open(store)) {
            Claim claim = results.claim("s", "t1", "node7:48211", LONG).orElseThrow();
            results.finishTrial(claim, List.of(new MetricRow("t1", "test", "accuracy", null, 0.5)));
        }
        StringWriter err = new StringWriter();
        assertEquals(0, worker(err), err.toString());
        assertTrue(err.toString().contains("[worker] trial t1 is finished already; nothing to run"), err.toString());
    }
}
