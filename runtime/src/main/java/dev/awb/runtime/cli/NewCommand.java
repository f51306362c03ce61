package dev.awb.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code awb new}: start something new from a template; {@code awb new plugin} is {@code awb plugin new} under the
 * name it had first (attached by {@link Awb}).
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Start something new from a template: 'awb new plugin --kind attention --name NAME' (also 'awb plugin new').")
final class NewCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
