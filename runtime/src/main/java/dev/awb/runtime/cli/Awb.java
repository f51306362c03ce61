package dev.awb.runtime.cli;

import dev.awb.runtime.build.BuildInfo;
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
        subcommands = {RunCommand.class, ReportCommand.class, ValidateCommand.class, DoctorCommand.class, BenchCommand.class,
            PlanCommand.class, SchemaCommand.class, StudiesCommand.class, ShowCommand.class, ReproduceCommand.class,
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
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        // One mechanism for every command: the exception says its exit code (see ExitCodes). Usage errors stay
        // picocli's (exit 2, with the usage).
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, err));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command tree: the commands above, and {@code awb plugin list|check|new}, also under the names they had
     * before: {@code awb plugins} and {@code awb new plugin}. Commands are siblings; only this class names them.
     */
    static CommandLine commandLine() {
        CommandLine awb = new CommandLine(new Awb());
        CommandLine plugin = awb.getSubcommands().get("plugin");
        plugin.addSubcommand("list", new PluginListCommand());
        plugin.addSubcommand("check", new PluginCheckCommand());
        plugin.addSubcommand("new", new PluginNewCommand());
        awb.addSubcommand("plugins", new CommandLine(new PluginListCommand()).setCommandName("plugins"));
        awb.getSubcommands().get("new").addSubcommand("plugin",
                new CommandLine(new PluginNewCommand()).setCommandName("plugin"));
        return awb;
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
