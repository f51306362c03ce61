package dev.awb.runtime.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes small bundles for tests: broken on purpose in one precise way each. */
public final class TestBundles {
    private TestBundles() {
    }

    /** A bundle that imports a package nobody exports. */
    public static Path withMissingImport(Path folder, String symbolicName, String importPackage) throws IOException {
        return write(folder.resolve(symbolicName + ".jar"), Map.of(
                "Bundle-SymbolicName", symbolicName,
                "Bundle-Version", "1.2.3",
                "Import-Package", importPackage), Map.of());
    }

    /** A bundle with one DS component, {@code ThrowingAttention}, whose activation throws. */
    public static Path withThrowingComponent(Path folder) throws IOException {
        return component(folder, "dev.awb.test.throwing", "0.0.1", "dev.awb.fixture.throwing.ThrowingAttention",
                "dev.awb.api.attention", "dev.awb.api.attention.AttentionMechanism", "attention", "throwing",
                "Always fails to activate",
                " immediate=\"true\" activate=\"activate\"");
    }

    /**
     * A working plugin bundle with one dataset, {@code dataset/failing} ({@code FailingDataset}), whose data
     * generation throws for the seed given as its {@code fail_seed} parameter.
     */
    public static Path withFailingDataset(Path folder) throws IOException {
        return withFailingDataset(folder, "0.0.1", "dev.awb.test.failing");
    }

    /** {@link #withFailingDataset(Path)} as bundle version {@code version}, in the jar {@code jarName}.jar. */
    public static Path withFailingDataset(Path folder, String version, String jarName) throws IOException {
        Path jar = component(folder, "dev.awb.test.failing", version, "dev.awb.fixture.failing.FailingDataset",
                "dev.awb.api.dataset", "dev.awb.api.dataset.SequenceDataset", "dataset", "failing",
                "Tiny task whose data generation fails for one seed", "");
        Path named = folder.resolve(jarName + ".jar");
        return named.equals(jar) ? jar : Files.move(jar, named);
    }

    /**
     * A bundle with one DS component of test class {@code type}, registered as {@code service} with the
     * {@code @Plugin} properties of {@code attention/NAME}, importing the SPI packages.
     */
    public static Path withComponent(Path folder, String symbolicName, Class<?> type, String service, String name)
            throws IOException {
        return component(folder, symbolicName, "1.0.0", type.getName(), "dev.awb.api.attention", service, "attention",
                name, "A test fixture", "");
    }

    /** {@link #withComponent} with the plugin summary {@code summary} instead of the fixture's own. */
    public static Path withComponent(Path folder, String symbolicName, Class<?> type, String service, String name,
            String summary) throws IOException {
        return component(folder, symbolicName, "1.0.0", type.getName(), "dev.awb.api.attention", service, "attention",
                name, summary, "");
    }

    /**
     * A bundle {@code symbolicName}.jar holding the test class {@code type} as a DS component that provides
     * {@code service} with the plugin properties {@code kind}/{@code name}; it imports {@code dev.awb.api} and
     * {@code spiPackage} in the ranges bnd would give them (see {@link #range}).
     */
    private static Path component(Path folder, String symbolicName, String version, String type, String spiPackage,
            String service, String kind, String name, String summary, String componentAttributes)
            throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s"%s>
                  <implementation class="%s"/>
                  <service><provide interface="%s"/></service>
                  <property name="awb.plugin.kind" value="%s"/>
                  <property name="awb.plugin.name" value="%s"/>
                  <property name="awb.plugin.summary" value="%s"/>
                </scr:component>
                """.formatted(type, componentAttributes, type, service, kind, name, summary);
        String path = type.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = TestBundles.class.getResourceAsStream("/" + path)) {
            bytes = in.readAllBytes();
        }
        return write(folder.resolve(symbolicName + ".jar"), Map.of(
                "Bundle-SymbolicName", symbolicName,
                "Bundle-Version", version,
                "Import-Package", "dev.awb.api;version=\"" + range("dev.awb.api") + "\"," + spiPackage + ";version=\""
                        + range(spiPackage) + "\"",
                "Service-Component", "OSGI-INF/component.xml"),
                Map.of("OSGI-INF/component.xml", xml.getBytes(StandardCharsets.UTF_8), path, bytes));
    }

    /**
     * The import range a plugin built against the SPI on the class path gets for {@code spiPackage}, as bnd would
     * write it: {@code [major.minor,major+1)} of the version the host exports.
     */
    static String range(String spiPackage) {
        Matcher m = Pattern.compile("(?:^|,)" + Pattern.quote(spiPackage) + ";version=\"(\\d+)\\.(\\d+)")
                .matcher(HostPackages.fromClassPath());
        if (!m.find()) {
            throw new IllegalStateException("the host does not export " + spiPackage);
        }
        int major = Integer.parseInt(m.group(1));
        return "[" + major + "." + m.group(2) + "," + (major + 1) + ")";
    }

    /** A jar that is not a bundle at all. */
    public static Path notABundle(Path folder) throws IOException {
        return write(folder.resolve("not-a-bundle.jar"), Map.of(), Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
    }

    private static Path write(Path jar, Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (!headers.isEmpty()) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        }
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
