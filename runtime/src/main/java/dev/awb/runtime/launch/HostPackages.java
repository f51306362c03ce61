package dev.awb.runtime.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The packages of the launcher class path (ND4J, Tablesaw, SLF4J, the SPI, ...) that the system bundle
 * exports to plugin bundles, in the syntax of {@code org.osgi.framework.system.packages.extra}.
 *
 * <p>ND4J and its friends are not bundles (split packages, JavaCPP natives, ServiceLoader), so they stay on
 * the class path and bundles import their packages from the system bundle. Where a jar's manifest
 * declares exports with versions, those are kept, every one of them: SCR needs
 * {@code org.osgi.service.component [1.5,1.6)}, and slf4j-api declares two versions of {@code org.slf4j}.
 * Other jars export every package that holds a class, unversioned.
 */
public final class HostPackages {
    private static final String FRAMEWORK = "org.apache.felix.framework";

    private HostPackages() {
    }

    /** The extra system packages for the current JVM's class path. */
    public static String fromClassPath() {
        List<File> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && new File(entry).isFile()) {
                jars.add(new File(entry));
            }
        }
        Set<String> clauses = scan(jars);
        clauses.addAll(RUNTIME_SPI);
        return String.join(",", clauses);
    }

    /**
     * Packages of the runtime itself that plugins may import, with their versions (kept equal to their
     * {@code package-info.java}): the workbench's contribution SPI, through which a bundle contributes a view to
     * {@code awb ui} (issue 16). Exported whether the runtime is a jar (the distribution) or a folder (tests).
     */
    static final List<String> RUNTIME_SPI = List.of("dev.awb.runtime.ui.spi;version=\"1.0.0\"");

    /** Export clauses ({@code pkg;version="v"} or {@code pkg}) for {@code jars}, without duplicates. */
    static Set<String> scan(List<File> jars) {
        Set<String> clauses = new LinkedHashSet<>();
        for (File jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                Manifest manifest = file.getManifest();
                Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
                if (FRAMEWORK.equals(symbolicName(main))) {
                    continue;
                }
                String exports = main.getValue("Export-Package");
                if (exports != null) {
                    clauses.addAll(ExportPackageHeader.clauses(exports));
                } else {
                    clauses.addAll(classPackages(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class-path jar " + jar, e);
            }
        }
        return clauses;
    }

    private static String symbolicName(Attributes main) {
        String name = main.getValue("Bundle-SymbolicName");
        return name == null ? null : name.split(";")[0].trim();
    }

    private static Set<String> classPackages(JarFile file) {
        Set<String> packages = new LinkedHashSet<>();
        for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
            String name = entry.getName();
            int slash = name.lastIndexOf('/');
            if (!name.endsWith(".class") || slash < 0 || name.startsWith("META-INF/")) {
                continue;
            }
            String pkg = name.substring(0, slash).replace('/', '.');
            if (!pkg.startsWith("java.")) {
                packages.add(pkg);
            }
        }
        return packages;
    }
}
