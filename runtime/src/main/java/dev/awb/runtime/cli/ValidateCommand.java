package dev.awb.runtime.cli;

import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.device.VisibleGpus;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.study.StudyPlanner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code awb validate FILE}: checks an experiment file against the installed plugins without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an experiment file against the installed plugins; nothing is trained or stored.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:valid", "2:invalid (each problem printed with file:line:column)"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The experiment YAML file.")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "PATH=VALUE", description = "Override a value of the file, as for 'awb run'.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentFile experiment = ExperimentReader.read(file, overrides);
        if (experiment.device() != null && experiment.device().cuda()) {
            DeviceChoice.require(experiment.device(), null, experiment, DeviceAssignment.of(experiment.device(),
                    VisibleGpus.detect()).environment(0), true);
        }
        try (OsgiHost osgi = host.start(spec.commandLine().getErr())) {
            StudyPlan plan = StudyPlanner.plan(osgi.plugins(), experiment);
            spec.commandLine().getOut().printf("%s: valid, %s%n", file, plan.summary());
            return ExitCodes.OK;
        }
    }
}
