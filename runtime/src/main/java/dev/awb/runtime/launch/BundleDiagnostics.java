package dev.awb.runtime.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Explains, in plain words, why bundles did not resolve or start and why components did not activate.
 *
 * <p>An unresolved bundle's mandatory requirements are matched against the framework's capabilities with
 * {@link FrameworkWiring#findProviders}; each one nobody provides is named with its wanted version range.
 * Component failures come from SCR's runtime DTOs ({@code FAILED_ACTIVATION} carries the exception).
 */
final class BundleDiagnostics {
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");
    private static final Pattern FLOOR = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private final BundleContext context;
    private final Map<Long, String> startFailures;
    private final List<BundleProblem> installFailures;

    BundleDiagnostics(BundleContext context, Map<Long, String> startFailures, List<BundleProblem> installFailures) {
        this.context = context;
        this.startFailures = startFailures;
        this.installFailures = installFailures;
    }

    List<BundleProblem> problems() {
        List<BundleProblem> problems = new ArrayList<>(installFailures);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (bundle.getState() == Bundle.INSTALLED) {
                List<String> missing = missingRequirements(bundle, wiring);
                String reason = missing.isEmpty()
                        ? startFailures.getOrDefault(bundle.getBundleId(), "does not resolve")
                        : String.join("; ", missing);
                problems.add(problem(bundle, reason));
            } else if (bundle.getState() == Bundle.RESOLVED && startFailures.containsKey(bundle.getBundleId())) {
                problems.add(problem(bundle, "failed to start: " + startFailures.get(bundle.getBundleId())));
            }
        }
        problems.addAll(componentProblems());
        return problems;
    }

    private static List<String> missingRequirements(Bundle bundle, FrameworkWiring wiring) {
        List<String> missing = new ArrayList<>();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return missing;
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String resolution = requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
            if (Constants.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                missing.add(describe(requirement));
            }
        }
        return missing;
    }

    /** "missing package a.b (wanted [1.0.0,2.0.0))" for packages, the namespace and filter otherwise. */
    static String describe(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
        if (!PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
            return "missing capability " + requirement.getNamespace() + " " + filter;
        }
        Matcher name = PACKAGE.matcher(filter);
        if (!name.find()) {
            return "missing package " + filter;
        }
        return "missing package " + name.group(1) + " (wanted " + range(filter) + ")";
    }

    private static String range(String filter) {
        Matcher floor = FLOOR.matcher(filter);
        Matcher ceiling = CEILING.matcher(filter);
        String low = floor.find() ? floor.group(1) : "0.0.0";
        return ceiling.find() ? "[" + low + "," + ceiling.group(1) + ")" : "[" + low + ",∞)";
    }

    private List<BundleProblem> componentProblems() {
        List<BundleProblem> problems = new ArrayList<>();
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return problems;
        }
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                Bundle bundle = context.getBundle(description.bundle.id);
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add(problem(bundle, "component " + description.name + " failed to activate: "
                                + configuration.failure.lines().findFirst().orElse("")));
                    } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        problems.add(problem(bundle, "component " + description.name + " has unsatisfied references"));
                    }
                }
            }
        } finally {
            context.ungetService(reference);
        }
        return problems;
    }

    private static BundleProblem problem(Bundle bundle, String reason) {
        String name = bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
        return new BundleProblem(name, bundle.getVersion().toString(), bundle.getLocation(), reason);
    }
}
