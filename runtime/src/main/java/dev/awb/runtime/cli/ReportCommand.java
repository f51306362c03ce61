package dev.awb.runtime.cli;

import dev.awb.runtime.report.StudyReport;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb report STUDY}: (re)writes a study's report from the results store: report.html, report.md with
 * its SVG figures, results.csv and tables.tex.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a study's report (HTML, Markdown, CSV, LaTeX) from the results store.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:the study or store cannot be read, or the folder written",
            "2:bad input"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", description = "The study id (awb run prints it; usually the experiment's name).")
    String study;

    @Mixin
    StoreOption store;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the report (default: the study directory).")
    Path out;

    @Option(names = "--all-pairs", description = "Compare every pair of variants, not only against the baseline.")
    boolean allPairs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try (ResultsStore results = store.open()) {
            StudyReport report = StudyReport.load(results, study, allPairs);
            Path dir = out != null ? out : Path.of(StoreLookup.study(results, study).dir());
            Path html = report.write(dir);
            stdout.printf("[report] %s  %s  report.md  results.csv  tables.tex%n", dir, html.getFileName());
            return ExitCodes.OK;
        }
    }
}
