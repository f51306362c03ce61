package dev.awb.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.awb.api.ParamSpec;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.launch.PluginDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code awb plugin list} (also {@code awb plugins}): lists the installed plugins with their parameters. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the installed plugins, their bundles and parameters; bundles that failed are reported on stderr.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed (even if some bundles failed)", "1:the runtime did not start"})
final class PluginListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array: kind, name, version, bundle, summary, params.")
    boolean json;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (OsgiHost osgi = host.start(spec.commandLine().getErr())) {
            List<PluginDescriptor> plugins = osgi.plugins().all();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(plugins.stream().map(PluginListCommand::describe).toList()));
            } else {
                for (PluginDescriptor plugin : plugins) {
                    out.printf("%-34s %-20s %s%n", plugin.id(), plugin.version(), plugin.summary());
                    for (ParamSpec param : plugin.params()) {
                        out.printf("    %-18s %-7s default %-10s %s%s%n", param.name(), param.type().label(),
                                param.defaultValue(), param.description(), allowed(param));
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    /**
     * What values {@code param} takes, as the text after its description: {@code  [choices: a, b]} or
     * {@code  [range: 1 .. 64]} (with ≥ or ≤ for a bound on one side); empty when anything of its type goes.
     */
    static String allowed(ParamSpec param) {
        if (!param.choices().isEmpty()) {
            return "  [choices: " + String.join(", ", param.choices()) + "]";
        }
        if (param.min() != null && param.max() != null) {
            return "  [range: " + number(param.min()) + " .. " + number(param.max()) + "]";
        }
        if (param.min() != null) {
            return "  [range: ≥ " + number(param.min()) + "]";
        }
        if (param.max() != null) {
            return "  [range: ≤ " + number(param.max()) + "]";
        }
        return "";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static Map<String, Object> describe(PluginDescriptor plugin) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", plugin.kind());
        map.put("name", plugin.name());
        map.put("version", plugin.version());
        map.put("bundle", plugin.bundle());
        map.put("summary", plugin.summary());
        List<Map<String, Object>> params = new ArrayList<>();
        for (ParamSpec param : plugin.params()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", param.name());
            p.put("type", param.type().label());
            p.put("default", param.defaultValue());
            p.put("description", param.description());
            if (param.min() != null) {
                p.put("min", param.min());
            }
            if (param.max() != null) {
                p.put("max", param.max());
            }
            if (!param.choices().isEmpty()) {
                p.put("choices", param.choices());
            }
            params.add(p);
        }
        map.put("params", params);
        return map;
    }
}
