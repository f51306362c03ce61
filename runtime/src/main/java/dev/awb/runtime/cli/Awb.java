package dev.awb.runtime.cli;

import dev.awb.runtime.build.BuildInfo;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.study.StudyDriver;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code awb} command line: run and validate experiment files, list plugins, check the environment.
 */
@Command(name = "awb", mixinStandardHelpOptions = true, versionProvider = Awb.Version.class,
        description = "Attention Workbench: compare attention mechanisms with reproducible experiments.",
        subcommands = {RunCommand.class, ReportCommand.class, ValidateCommand.class, PluginsCommand.class, DoctorCommand.class, BenchCommand.class,
            PlanCommand.class, SchemaCommand.class, RunsCommand.class, ShowCommand.class, ReproduceCommand.class,
            StatusCommand.class, CancelCommand.class, PluginCommand.class, NewCommand.class, WorkerCommand.class, UiCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure while running (a trial, a plugin, the store)",
            "2:bad input (unknown option, invalid experiment file); nothing was run",
            "10+N:awb run: N trials failed (capped at 110)"})
public final class Awb implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The command line of a child JVM running {@code awb arguments} with this JVM's settings (workers, reruns,
     * probes); see {@link StudyDriver#javaCommand}.
     */
    public static List<String> processCommand(List<String> arguments) {
        return StudyDriver.javaCommand(Awb.class, arguments);
    }

    /** Runs {@code awb args} and returns the exit code; used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Awb());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Integer code = ExitCodes.of(e);
            if (code == null) {
                err.println("error: " + e);
                e.printStackTrace(err);
                return ExitCodes.FAILURE;
            }
            if (e instanceof ExperimentException bad) {
                bad.problems().forEach(p -> err.println("error: " + p));
            } else {
                err.println("error: " + e.getMessage());
            }
            return code;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version line: distribution version and code revision. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo info = BuildInfo.load();
            return new String[] {"awb " + info.version() + " (revision " + info.revision() + ")"};
        }
    }
}
