package dev.awb.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code awb plugin}: the plugins: {@code list} the installed ones, {@code check} a jar, start a {@code new} one (its
 * subcommands are attached by {@link Awb}).
 */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = {"The plugins: 'awb plugin list' the installed ones (also 'awb plugins'), 'awb plugin check JAR'",
            "checks a plugin jar, 'awb plugin new --kind KIND --name NAME' starts a plugin project (also 'awb new plugin')."})
final class PluginCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
