package dev.awb.runtime.cli;

import dev.awb.runtime.template.PluginTemplate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code awb plugin new} (also {@code awb new plugin}): a standalone Maven project for one plugin. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create a standalone Maven project for a new plugin: one component class with its parameters, "
                + "a test class running the kind's contract tests from the test kit, a README and the Maven wrapper "
                + "('./mvnw verify' builds and tests it).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the project was written", "2:bad options (unknown kind, bad name, folder not empty)"})
final class PluginNewCommand implements Callable<Integer> {
    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "The plugin kind: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Kinds.class)
    String kind;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The plugin name in experiment files (use: KIND/NAME), e.g. cosine.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "The project folder (default: ./KIND-NAME).")
    Path dir;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "The Java package (default: org.example.awb.KIND.NAME).")
    String packageName;

    @Option(names = "--summary", paramLabel = "TEXT", description = "One line saying what the plugin computes.")
    String summary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path target = dir != null ? dir : Path.of(kind + "-" + name);
        List<Path> files = PluginTemplate.generate(new PluginTemplate.Request(kind, name, target, packageName, summary));
        out.println("[new] " + kind + "/" + name + " in " + target.toAbsolutePath());
        files.forEach(f -> out.println("  " + f));
        out.println("next: cd " + target + " && ./mvnw verify && awb plugin check target/" + kind + "-" + name
                + "-1.0.0.jar");
        return ExitCodes.OK;
    }

    /** The kinds with a template, for picocli's completion and help. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PluginTemplate.KINDS.keySet().stream().sorted().iterator();
        }
    }
}
