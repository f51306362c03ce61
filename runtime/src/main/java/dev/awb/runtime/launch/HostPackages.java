package dev.awb.runtime.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages the host exports to plugin bundles, in the syntax of {@code org.osgi.framework.system.packages.extra}:
 * those of a deliberate list of class-path libraries ({@link #LIBRARIES}), each with a version.
 *
 * <p>ND4J and its friends are not bundles (split packages, JavaCPP natives, ServiceLoader), so they stay on the
 * class path and bundles import their packages from the system bundle. Only the libraries named here are visible to
 * plugins: the SPI and what its signatures use, and what plugins are meant to build on, plus the runtime's own
 * workbench SPI ({@link #RUNTIME_SPI}). Everything else on the class path (the rest of the runtime, JUnit, Flyway, the
 * JDBC drivers, picocli, ND4J's backend and shaded libraries) stays private to the host, so a plugin cannot come to
 * depend on it by accident.
 *
 * <p>Where a jar's manifest declares exports with versions, those are kept, every one of them: SCR needs
 * {@code org.osgi.service.component [1.5,1.6)}, and slf4j-api declares two versions of {@code org.slf4j}. Other jars
 * export every package that holds a class, at the jar's Maven version in OSGi syntax ({@code 1.0.0-M2.1} becomes
 * {@code 1.0.0.M2_1}).
 */
public final class HostPackages {
    /**
     * One class-path library whose packages plugins see, and why.
     *
     * @param only the packages of the jar exported: those named so or below; empty for all of them
     */
    public record Library(String groupId, String artifactId, String only, String why) {
        Library(String groupId, String artifactId, String why) {
            this(groupId, artifactId, "", why);
        }

        String coordinates() {
            return groupId + ":" + artifactId;
        }

        boolean exports(String pkg) {
            return only.isEmpty() || pkg.equals(only) || pkg.startsWith(only + ".");
        }
    }

    /** The libraries whose packages the host exports to plugins, and nothing else. */
    public static final List<Library> LIBRARIES = List.of(
            new Library("dev.awb", "api", "the SPI and its support packages (package versions from @Version)"),
            // nd4j-api also holds the generated ONNX and TensorFlow protobuf classes of its model importers: not for plugins.
            new Library("org.nd4j", "nd4j-api", "org.nd4j", "ND4J and SameDiff: the SPI's signatures and plugins' graphs"),
            new Library("org.nd4j", "nd4j-common", "ND4J's common types (Pair, config, resources) used with nd4j-api"),
            new Library("org.slf4j", "slf4j-api", "logging, the one facade the host binds"),
            new Library("tech.tablesaw", "tablesaw-core", "tables, which the workbench's reports are fed"),
            new Library("com.fasterxml.jackson.core", "jackson-annotations", "JSON, for dataset plugins reading files"),
            new Library("com.fasterxml.jackson.core", "jackson-core", "JSON, for dataset plugins reading files"),
            new Library("com.fasterxml.jackson.core", "jackson-databind", "JSON, for dataset plugins reading files"),
            new Library("com.fasterxml.jackson.dataformat", "jackson-dataformat-csv", "CSV, for dataset plugins"),
            new Library("org.osgi", "org.osgi.service.component", "Declarative Services: SCR and components"),
            new Library("org.osgi", "org.osgi.util.promise", "SCR's asynchronous results"),
            new Library("org.osgi", "org.osgi.util.function", "the functional types of org.osgi.util.promise"));

    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final Pattern MAVEN_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[.-](.*))?");

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
     * {@code awb ui} (issue 16). Exported whether the runtime is a jar (the distribution) or a folder (tests); the
     * rest of {@code dev.awb.runtime} stays private to the host.
     */
    static final List<String> RUNTIME_SPI = List.of("dev.awb.runtime.ui.spi;version=\"1.0.0\"");

    /** Export clauses ({@code pkg;version="v"}) for those of {@code jars} that are {@link #LIBRARIES}, without duplicates. */
    static Set<String> scan(List<File> jars) {
        Set<String> clauses = new LinkedHashSet<>();
        for (File jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                Optional<Artifact> artifact = artifact(file);
                Optional<Library> library = artifact.flatMap(a -> LIBRARIES.stream()
                        .filter(l -> l.coordinates().equals(a.coordinates())).findFirst());
                if (library.isEmpty()) {
                    continue;
                }
                Manifest manifest = file.getManifest();
                String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
                if (exports != null) {
                    ExportPackageHeader.clauses(exports).stream().filter(c -> library.get().exports(c.split(";")[0]))
                            .forEach(clauses::add);
                } else {
                    String version = osgiVersion(artifact.get().version());
                    classPackages(file).stream().filter(library.get()::exports)
                            .forEach(p -> clauses.add(p + ";version=\"" + version + "\""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class-path jar " + jar, e);
            }
        }
        return clauses;
    }

    private record Artifact(String groupId, String artifactId, String version) {
        String coordinates() {
            return groupId + ":" + artifactId;
        }
    }

    /** The Maven coordinates a jar was built as, from its one {@code pom.properties}; empty for shaded or other jars. */
    private static Optional<Artifact> artifact(JarFile file) throws IOException {
        List<JarEntry> poms = file.stream().filter(e -> POM_PROPERTIES.matcher(e.getName()).matches()).toList();
        if (poms.size() != 1) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(poms.get(0))) {
            properties.load(in);
        }
        Matcher path = POM_PROPERTIES.matcher(poms.get(0).getName());
        path.matches();
        String version = properties.getProperty("version");
        return version == null ? Optional.empty() : Optional.of(new Artifact(path.group(1), path.group(2), version));
    }

    /** A Maven version in OSGi syntax (OSGi Core R8 §3.2.5): {@code 1.0.0-M2.1} → {@code 1.0.0.M2_1}. */
    static String osgiVersion(String maven) {
        Matcher m = MAVEN_VERSION.matcher(maven);
        if (!m.matches()) {
            return "0.0.0." + maven.replaceAll("[^A-Za-z0-9_-]", "_");
        }
        String version = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                + (m.group(3) == null ? "0" : m.group(3));
        return m.group(4) == null || m.group(4).isEmpty() ? version
                : version + "." + m.group(4).replaceAll("[^A-Za-z0-9_-]", "_");
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
