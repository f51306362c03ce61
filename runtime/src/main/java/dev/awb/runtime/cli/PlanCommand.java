package dev.awb.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.study.StudyPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code awb plan FILE}: the validated, expanded trial list of an experiment and its count; nothing runs. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validate an experiment and print its expanded trial list (sweep points x seeds) and count.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:valid", "2:invalid (each problem with file:line:column)"})
final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The experiment YAML file.")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "PATH=VALUE", description = "Override a value of the file, as for 'awb run'.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--json", description = "Print the trials as JSON lines (id, index, seed, labels, resolved config).")
    boolean json;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (OsgiHost osgi = host.start(spec.commandLine().getErr())) {
            StudyPlan plan = StudyPlanner.plan(osgi.plugins(), ExperimentReader.read(file, overrides));
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                for (Trial trial : plan.trials()) {
                    ObjectNode line = mapper.createObjectNode().put("id", trial.id()).put("index", trial.index())
                            .put("seed", trial.seed());
                    ObjectNode labels = line.putObject("labels");
                    trial.labels().forEach(labels::put);
                    line.set("config", mapper.readTree(trial.config()));
                    out.println(mapper.writeValueAsString(line));
                }
                return ExitCodes.OK;
            }
            out.println("# " + plan.name() + ": " + plan.summary());
            List<String> axes = plan.trials().isEmpty() ? List.of() : List.copyOf(plan.trials().get(0).labels().keySet());
            StringBuilder header = new StringBuilder(String.format("%5s  %-16s  %6s", "#", "trial", "seed"));
            axes.forEach(a -> header.append("  ").append(a));
            out.println(header);
            for (Trial trial : plan.trials()) {
                StringBuilder row = new StringBuilder(String.format("%5d  %-16s  %6d", trial.index(), trial.id(), trial.seed()));
                axes.forEach(a -> row.append("  ").append(trial.labels().get(a)));
                out.println(row);
            }
            out.println(plan.trials().size() + " trial(s)");
            return ExitCodes.OK;
        }
    }
}
