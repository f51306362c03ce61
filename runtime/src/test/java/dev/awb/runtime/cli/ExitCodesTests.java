package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.AwbException;
import dev.awb.runtime.cluster.SlurmException;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.FrozenTrialUnavailable;
import dev.awb.runtime.experiment.Location;
import dev.awb.runtime.experiment.Problem;
import dev.awb.runtime.launch.LaunchException;
import dev.awb.runtime.report.ReportException;
import dev.awb.runtime.store.StoreException;
import dev.awb.runtime.store.TrialNotFound;
import dev.awb.runtime.study.StudyDirectoryUnwritable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an exception a command ends with becomes its exit code and its message: one mechanism, {@link AwbException}. */
class ExitCodesTests {
    private record Reported(int code, String err) {
    }

    private static Reported report(Throwable e) {
        StringWriter err = new StringWriter();
        int code = ExitCodes.report(e, new PrintWriter(err, true));
        return new Reported(code, err.toString());
    }

    @Test
    void eachExpectedFailureCarriesTheExitCodeTheReadmeDocuments() {
        Map<AwbException, Integer> expected = Map.of(
                new ExperimentException(new Problem(new Location("x.yaml", 3, 5), "bad")), 2,
                new FrozenTrialUnavailable("plugin attention/soft@9.9.9 is not installed"), 2,
                new TrialNotFound("no trial has an id starting with 'beef'"), 2,
                new StoreException("no results store at x.sqlite"), 1,
                new LaunchException("Felix did not start", new IllegalStateException()), 1,
                new ReportException("cannot write report.html"), 1,
                new SlurmException("sbatch is not on PATH"), 1,
                new StudyDirectoryUnwritable("cannot write into the trial directory /x", null), 1);
        expected.forEach((e, code) -> {
            Reported reported = report(e);
            assertEquals(code, reported.code(), e.getClass().getSimpleName());
            assertEquals("error: " + e.getMessage() + System.lineSeparator(), reported.err(),
                    e.getClass().getSimpleName() + " prints its message alone, without a stack trace");
        });
    }

    @Test
    void badExperimentPrintsEveryProblemOnItsOwnLineAndExitsTwo() {
        Reported reported = report(new ExperimentException(List.of(
                new Problem(new Location("x.yaml", 3, 5), "node 'attention': no attention plugin 'sofft'"),
                new Problem(new Location("x.yaml", 9, 1), "node 'train': unknown key 'epoch'"))));
        assertEquals(ExitCodes.BAD_INPUT, reported.code());
        List<String> lines = reported.err().lines().toList();
        assertEquals(2, lines.size(), reported.err());
        assertTrue(lines.get(0).startsWith("error: x.yaml:3:5") && lines.get(1).startsWith("error: x.yaml:9:1"),
                reported.err());
    }

    @Test
    void aBugIsPrintedWithItsStackTraceAndExitsOne() {
        Reported reported = report(new IllegalStateException("unexpected"));
        assertEquals(ExitCodes.FAILURE, reported.code());
        assertTrue(reported.err().startsWith("error: java.lang.IllegalStateException: unexpected"), reported.err());
        assertTrue(reported.err().contains("\tat dev.awb.runtime.cli.ExitCodesTests"), reported.err());
    }

    @Test
    void aCommandEndingInAnExpectedFailureExitsWithItsCodeThroughTheCommandLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"new", "plugin", "--kind", "teleportation", "--name", "x"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().startsWith("error: --kind: no template for kind [teleportation]"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
