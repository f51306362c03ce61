package dev.awb.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.ExperimentValidator;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.PluginRegistry;

import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.RunRecord;
import dev.awb.runtime.train.GraphCheck;
import dev.awb.runtime.train.StudyRunner;
import dev.awb.runtime.train.TrainingObserver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb run FILE}: validates an experiment against the live plugins, trains every trial, stores every
 * metric and writes the report into a new timestamped run directory.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Validate, train and evaluate every trial of an experiment, store the results and write a report.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every trial finished", "1:at least one trial failed (the others ran; see the report)",
            "2:invalid experiment file; nothing was run or stored"})
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss", Locale.ROOT);

    @Parameters(paramLabel = "FILE", description = "The experiment YAML file.")
    Path file;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Where run directories are created (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL",
            description = "Results store: a SQLite file or a JDBC URL (default: the file's 'store:', else RUNS/awb.sqlite).")
    String store;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentFile experiment = ExperimentReader.read(file);
        try (OsgiHost osgi = host.start(err)) {
            StudyPlan plan = ExperimentValidator.validate(experiment, new PluginRegistry(osgi.context()));
            GraphCheck.check(plan);
            String storeLocation = store != null ? store
                    : experiment.store() != null ? experiment.store() : runs.resolve("awb.sqlite").toString();
            Path runDir = createRunDir(plan.name());
            BuildInfo build = BuildInfo.load();
            RunRecord run = new RunRecord(plan.name() + "/" + runDir.getFileName(), plan.name(),
                    file.toAbsolutePath().toString(), runDir.toAbsolutePath().toString(), build.revision(),
                    build.version());
            writePlan(runDir, plan);
            err.printf("[plan] %d trial(s) of %s  (store: %s)%n", plan.trials().size(), plan.name(), storeLocation);
            try (ResultsStore results = ResultsStore.open(storeLocation)) {
                results.startRun(run);
                boolean terminal = System.console() != null;
                StudyRunner.Result result = new StudyRunner(results).run(plan, run.id(),
                        trial -> display(err, terminal, trial, plan.trials().size()));
                results.finishRun(run.id(), result.failed() == 0 ? "finished" : "failed");
                Path report = runDir.resolve("report.md");
                err.printf("[done] %d finished, %d failed%n", result.finished(), result.failed());
                out.printf("[report] %s  %s  %s%n", runDir, report.getFileName(), "results.csv");
                return result.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        }
    }

    private static TrainingObserver display(PrintWriter err, boolean terminal, Trial trial, int count) {
        ProgressBar bar = new ProgressBar(err, terminal, "[trial " + trial.index() + "/" + count + "] " + trial.label());
        return new TrainingObserver() {
            @Override
            public void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
                bar.step(epoch, epochs, batch, batches, loss, tokensPerSecond);
            }

            @Override
            public void metric(String split, String name, Integer epoch, double value) {
                if (epoch == null && !"cost".equals(split)) {
                    err.printf(Locale.ROOT, "[trial %d/%d] %s.%s = %.4f%n", trial.index(), count, split, name, value);
                }
            }

            @Override
            public void failed(Throwable error) {
                err.printf("%n[trial %d/%d] failed: %s%n", trial.index(), count, StudyRunner.describe(error));
            }
        };
    }

    private Path createRunDir(String experiment) throws IOException {
        String safe = experiment.replaceAll("[^A-Za-z0-9._-]", "_");
        String stamp = LocalDateTime.now().format(STAMP);
        Path dir = runs.resolve(safe).resolve(stamp);
        for (int n = 2; Files.exists(dir); n++) {
            dir = runs.resolve(safe).resolve(stamp + "-" + n);
        }
        return Files.createDirectories(dir);
    }

    private static void writePlan(Path runDir, StudyPlan plan) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (Trial trial : plan.trials()) {
            lines.append(json.writeValueAsString(java.util.Map.of("id", trial.id(), "index", trial.index(),
                    "config", json.readTree(trial.config())))).append('\n');
        }
        Files.writeString(runDir.resolve("trials.jsonl"), lines, StandardCharsets.UTF_8);
        Files.copy(plan.file().path(), runDir.resolve("experiment.yaml"));
    }
}
