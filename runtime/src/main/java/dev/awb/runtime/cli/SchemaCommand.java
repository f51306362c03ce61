package dev.awb.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.experiment.ExperimentSchema;
import dev.awb.runtime.launch.OsgiHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code awb schema}: the JSON Schema of experiment files, with every installed plugin's parameters. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of experiment files, including each installed plugin's parameters,"
                + " for editor completion and checking:", "  awb schema > awb.schema.json",
            "  (then, e.g. in VS Code's YAML extension: # yaml-language-server: $schema=awb.schema.json)"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:printed"})
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (OsgiHost osgi = host.start(spec.commandLine().getErr())) {
            spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ExperimentSchema.of(osgi.plugins().all())));
            return ExitCodes.OK;
        }
    }
}
