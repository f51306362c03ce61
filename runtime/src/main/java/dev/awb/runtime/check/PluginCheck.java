package dev.awb.runtime.check;

import dev.awb.api.Configurable;
import dev.awb.api.ParamSpec;
import dev.awb.api.Plugin;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.metric.Metric;
import dev.awb.api.model.ModelArchitecture;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import dev.awb.runtime.launch.BundleProblem;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.template.PluginTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Checks one plugin jar inside a running host, step by step, the way {@code awb plugin check} reports it: the jar
 * is an OSGi bundle, it resolves and starts, its components register plugins under their kind's interface, every
 * parameter has a default and a description, and each plugin passes its kind's contract from the test kit.
 *
 * <p>Each step becomes a {@link Row}; a step that fails stops the steps that depend on it. The bundle is
 * uninstalled afterwards, so the host keeps running exactly as before, with or without a broken jar.
 */
public final class PluginCheck {
    /** The interface each plugin kind registers under. */
    public static final Map<String, Class<?>> KINDS = kinds();

    /** How one check ended. */
    public enum Result {
        /** It ran and held. */
        PASS("pass"),
        /** It ran and failed: the plugin is not usable. */
        FAIL("FAIL"),
        /** It could not run here (no contract for the kind, or an input only the plugin's own tests supply). */
        NOT_RUN("not run");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        /** The word the report prints. */
        public String label() {
            return label;
        }
    }

    /** One line of the report: what was checked, how it ended, and why not (or what was found). */
    public record Row(String check, Result result, String detail, long millis) {
        /** A row that passed or failed. */
        public Row(String check, boolean passed, String detail, long millis) {
            this(check, passed ? Result.PASS : Result.FAIL, detail, millis);
        }

        /** True unless the check ran and failed; a check that did not run is not a failure (nor a pass). */
        public boolean passed() {
            return result != Result.FAIL;
        }
    }

    /**
     * Options of the contract run: parameter values for the contract, values selecting the differentiable
     * relaxation of a piecewise-constant mechanism (runs the piecewise-constant contract when not empty), and the
     * length of the interaction signal to wire (0: none).
     */
    public record Options(Map<String, String> with, Map<String, String> relaxation, int signalLength) {
    }

    private final OsgiHost host;
    private final List<Row> rows = new ArrayList<>();

    private PluginCheck(OsgiHost host) {
        this.host = host;
    }

    /** Checks {@code jar} in {@code host} and returns the report rows, in order; uninstalls the bundle again. */
    public static List<Row> run(OsgiHost host, Path jar, Options options) {
        PluginCheck check = new PluginCheck(host);
        check.check(jar, options);
        return List.copyOf(check.rows);
    }

    /** True when every row passed. */
    public static boolean passed(List<Row> rows) {
        return rows.stream().allMatch(Row::passed);
    }

    private void check(Path jar, Options options) {
        String symbolicName = bundleHeader(jar);
        if (symbolicName == null) {
            return;
        }
        Bundle bundle;
        try {
            bundle = host.install(jar);
        } catch (BundleException e) {
            fail("installs into the runtime", "the framework refuses it: " + e.getMessage());
            return;
        }
        try {
            if (!resolvesAndStarts(bundle)) {
                return;
            }
            List<ServiceReference<?>> plugins = plugins(bundle);
            if (plugins.isEmpty()) {
                return;
            }
            for (ServiceReference<?> reference : plugins) {
                checkPlugin(bundle, reference, options);
            }
        } finally {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                rows.add(new Row("is uninstalled again", false, e.getMessage(), 0));
            }
        }
    }

    /** The jar's Bundle-SymbolicName, or null with a failed row saying what the jar is instead. */
    private String bundleHeader(Path jar) {
        if (!Files.isRegularFile(jar)) {
            fail("is an OSGi bundle", jar + " is not a file");
            return null;
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            fail("is an OSGi bundle", jar.getFileName() + " is not a jar (" + e.getMessage() + ")");
            return null;
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (name == null) {
            fail("is an OSGi bundle", jar.getFileName() + " is a plain jar: its manifest has no Bundle-SymbolicName "
                    + "(build it with bnd-maven-plugin, as the plugin template does)");
            return null;
        }
        String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        pass("is an OSGi bundle", name.split(";")[0].trim() + " " + (version == null ? "0.0.0" : version));
        return name;
    }

    private boolean resolvesAndStarts(Bundle bundle) {
        List<String> reasons = host.problems().stream().filter(p -> p.location().equals(bundle.getLocation()))
                .map(BundleProblem::reason).toList();
        if (bundle.getState() == Bundle.INSTALLED) {
            fail("resolves against the runtime", String.join("; ", reasons.isEmpty() ? List.of("does not resolve") : reasons));
            return false;
        }
        pass("resolves against the runtime", "imports " + imports(bundle));
        if (bundle.getState() != Bundle.ACTIVE) {
            fail("starts", String.join("; ", reasons.isEmpty() ? List.of("state " + bundle.getState()) : reasons));
            return false;
        }
        List<String> componentFailures = reasons.stream().filter(r -> r.startsWith("component ")).toList();
        if (!componentFailures.isEmpty()) {
            fail("starts", String.join("; ", componentFailures));
            return false;
        }
        pass("starts", "active");
        return true;
    }

    private static String imports(Bundle bundle) {
        String header = bundle.getHeaders().get(Constants.IMPORT_PACKAGE);
        if (header == null) {
            return "nothing";
        }
        long count = Arrays.stream(header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).count();
        return count + " package(s), all provided";
    }

    /**
     * The plugin services the bundle registered; when there are none, a failed row naming what its components
     * provide instead.
     */
    private List<ServiceReference<?>> plugins(Bundle bundle) {
        List<ServiceReference<?>> plugins = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> reference : registered == null ? new ServiceReference<?>[0] : registered) {
            if (reference.getProperty(Plugin.KIND_PROPERTY) != null) {
                plugins.add(reference);
            }
        }
        if (!plugins.isEmpty()) {
            return plugins;
        }
        List<String> components = components(bundle);
        fail("registers a plugin", components.isEmpty()
                ? "the bundle declares no Declarative Services component (no Service-Component header): annotate the "
                        + "class with @Component(service = <kind interface>) and @Plugin(kind, name, summary)"
                : "no component registers a service with @Plugin properties (awb.plugin.kind, awb.plugin.name); "
                        + "found: " + String.join("; ", components));
        return plugins;
    }

    private List<String> components(Bundle bundle) {
        ServiceReference<ServiceComponentRuntime> reference = host.context().getServiceReference(ServiceComponentRuntime.class);
        List<String> found = new ArrayList<>();
        if (reference == null) {
            return found;
        }
        try {
            for (ComponentDescriptionDTO component : host.context().getService(reference).getComponentDescriptionDTOs(bundle)) {
                found.add("component " + component.name + " provides " + Arrays.toString(component.serviceInterfaces));
            }
        } finally {
            host.context().ungetService(reference);
        }
        return found;
    }

    private void checkPlugin(Bundle bundle, ServiceReference<?> reference, Options options) {
        String kind = String.valueOf(reference.getProperty(Plugin.KIND_PROPERTY));
        String id = kind + "/" + reference.getProperty(Plugin.NAME_PROPERTY);
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            fail(id + " is a known kind", "kind '" + kind + "' is not one of " + KINDS.keySet());
            return;
        }
        List<String> classes = Arrays.asList((String[]) reference.getProperty(Constants.OBJECTCLASS));
        Object service = host.context().getService(reference);
        if (!classes.contains(type.getName()) || !type.isInstance(service)) {
            fail(id + " registers as " + type.getSimpleName(), "its component provides " + classes + ", not "
                    + type.getName() + ": use @Component(service = " + type.getSimpleName() + ".class)");
            return;
        }
        if (reference.getProperty(Plugin.SUMMARY_PROPERTY) == null
                || String.valueOf(reference.getProperty(Plugin.SUMMARY_PROPERTY)).isBlank()) {
            fail(id + " has a summary", "@Plugin(summary = ...) is empty");
            return;
        }
        String summary = String.valueOf(reference.getProperty(Plugin.SUMMARY_PROPERTY));
        if (summary.endsWith(PluginTemplate.PLACEHOLDER_SUMMARY)) {
            fail(id + " has a summary", "@Plugin(summary = \"" + summary + "\") is still the template's placeholder: say "
                    + "in one line what the plugin computes, citing its paper (also in pom.xml's <description> and README.md)");
            return;
        }
        pass(id + " registers as " + type.getSimpleName(), bundle.getSymbolicName() + " " + bundle.getVersion());
        List<ParamSpec> params = parameters(id, (Configurable) service);
        if (params == null) {
            return;
        }
        if (service instanceof AttentionMechanism mechanism) {
            ContractRun.Subject subject;
            try {
                subject = new ContractRun.Subject(mechanism, values(params, options.with()), values(params, options.relaxation()),
                        options.signalLength());
            } catch (IllegalArgumentException e) {
                fail(id + " contract options", e.getMessage());
                return;
            }
            if (subject.signalLength() == 0 && SignalProbe.needsSignal(subject)) {
                subject = new ContractRun.Subject(subject.mechanism(), subject.with(), subject.relaxation(),
                        SignalProbe.DEFAULT_LENGTH);
                pass(id + " interaction signal", "needs one and --signal-length was not given: the contract wires a "
                        + "signal of " + SignalProbe.DEFAULT_LENGTH + " positions (choose another with --signal-length N)");
            }
            rows.addAll(ContractRun.attention(id, subject));
        } else {
            Map<String, Object> with;
            try {
                with = values(params, options.with());
            } catch (IllegalArgumentException e) {
                fail(id + " contract options", e.getMessage());
                return;
            }
            List<Row> contract = ContractRun.of(type, id, new ContractRun.PluginSubject((Configurable) service, with));
            if (!contract.isEmpty()) {
                rows.addAll(contract);
                return;
            }
            rows.add(new Row(id + " contract tests", Result.NOT_RUN, "the test kit has no contract for kind '" + kind
                    + "' yet; only the checks above ran", 0));
        }
    }

    /** The plugin's parameters, or null with a failed row saying which lacks what. */
    private List<ParamSpec> parameters(String id, Configurable plugin) {
        String check = id + " parameters have defaults and descriptions";
        List<ParamSpec> params;
        try {
            params = plugin.params();
        } catch (RuntimeException e) {
            // ParamSpec's constructor refuses a missing default or description, so the plugin fails right here.
            fail(check, "params() throws " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
        if (params == null) {
            fail(check, "params() returns null; return List.of() for a plugin without parameters");
            return null;
        }
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ParamSpec spec : params) {
            if (!names.add(spec.name())) {
                problems.add("parameter [" + spec.name() + "] is declared twice");
            }
            if (!spec.name().matches("[a-z][a-z0-9_]*")) {
                problems.add("parameter [" + spec.name() + "] is not a snake_case name");
            }
            if (spec.defaultValue() instanceof Number number && outOfRange(spec, number.doubleValue())) {
                problems.add("parameter [" + spec.name() + "]: default " + number + " is outside its range ["
                        + spec.min() + ", " + spec.max() + "]");
            }
        }
        if (!problems.isEmpty()) {
            fail(check, String.join("; ", problems));
            return null;
        }
        pass(check, params.isEmpty() ? "none declared" : params.size() + ": " + String.join(", ", names.stream().sorted().toList()));
        return params;
    }

    private static boolean outOfRange(ParamSpec spec, double value) {
        return (spec.min() != null && value < spec.min()) || (spec.max() != null && value > spec.max());
    }

    /** {@code values} typed by the plugin's declarations. */
    private static Map<String, Object> values(List<ParamSpec> params, Map<String, String> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, text) -> {
            ParamSpec spec = params.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no parameter [" + name + "]; declared: "
                            + params.stream().map(ParamSpec::name).toList()));
            typed.put(name, parse(spec, text));
        });
        return typed;
    }

    private static Object parse(ParamSpec spec, String text) {
        try {
            return switch (spec.type()) {
                case INT -> Integer.parseInt(text);
                case DOUBLE -> Double.parseDouble(text);
                case BOOLEAN -> Boolean.parseBoolean(text);
                case CHOICE -> {
                    if (!spec.choices().contains(text)) {
                        throw new IllegalArgumentException("parameter [" + spec.name() + "]: [" + text
                                + "] is not one of " + spec.choices());
                    }
                    yield text;
                }
                case STRING, PATH -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter [" + spec.name() + "] is " + spec.type().label()
                    + ", found [" + text + "]");
        }
    }

    private void pass(String check, String detail) {
        rows.add(new Row(check, true, detail, 0));
    }

    private void fail(String check, String detail) {
        rows.add(new Row(check, false, detail, 0));
    }

    private static Map<String, Class<?>> kinds() {
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        kinds.put(AttentionMechanism.KIND, AttentionMechanism.class);
        kinds.put(SequenceDataset.KIND, SequenceDataset.class);
        kinds.put(Optimizer.KIND, Optimizer.class);
        kinds.put(Metric.KIND, Metric.class);
        kinds.put(ModelArchitecture.KIND, ModelArchitecture.class);
        kinds.put(PositionalEncoding.KIND, PositionalEncoding.class);
        kinds.put(Pooling.KIND, Pooling.class);
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
