package dev.awb.runtime.template;

import dev.awb.runtime.AwbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The plugin template behind {@code awb new plugin}: writes a standalone Maven project for one plugin of a kind
 * (pom with bnd, one component class, a test class running the kind's contract from the test kit, a README and
 * the Maven wrapper) from the templates under {@code templates/plugin/} in the runtime jar.
 *
 * <p>Each kind's {@code files.txt} lists its files as {@code SOURCE -> TARGET}. Templates use {@code {{key}}}
 * placeholders (Maven's own {@code ${...}} expressions pass through untouched); the versions come from
 * {@code awb-template.properties}, which this build fills in, so a generated project builds with exactly the plugin
 * and library versions the awb build has already downloaded.
 */
public final class PluginTemplate {
    private static final String ROOT = "/templates/plugin/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9.\\-]+)}}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /**
     * The end of the summary a project gets when {@code --summary} is not given: a sentence for its author to replace,
     * which {@code awb plugin check} refuses to pass while it is still there.
     */
    public static final String PLACEHOLDER_SUMMARY = ": say in one line what it computes, citing its paper";

    /** The kinds with a template, and the SPI interface each one's component implements. */
    public static final Map<String, String> KINDS = Map.of("attention", "dev.awb.api.attention.AttentionMechanism");

    /**
     * What to generate.
     *
     * @param kind one of {@link #KINDS}
     * @param name the plugin name used in experiment files after the kind, lower-case words joined by '-'
     * @param dir the project folder to create (must not exist or be empty)
     * @param packageName the Java package of the component; null for {@code org.example.awb.KIND.NAME}
     * @param summary the one-line summary; null for a placeholder sentence to replace
     */
    public record Request(String kind, String name, Path dir, String packageName, String summary) {
    }

    /**
     * Thrown for a request that cannot be generated, naming the option, the value and the valid choices (exit code
     * 2).
     */
    public static final class TemplateException extends AwbException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(BAD_INPUT, message, null);
        }
    }

    private PluginTemplate() {
    }

    /** Writes the project; returns the files written, relative to {@code request.dir()}. */
    public static List<Path> generate(Request request) {
        Map<String, String> values = values(request);
        checkEmpty(request.dir());
        List<Path> written = new ArrayList<>();
        for (String line : read(request.kind() + "/files.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("->");
            String source = parts[0].trim();
            Path target = Path.of(fill(parts[1].trim(), values));
            String text = read(source);
            write(request.dir().resolve(target), source.startsWith("wrapper/") ? text : fill(text, values));
            written.add(target);
        }
        Path mvnw = request.dir().resolve("mvnw");
        if (Files.exists(mvnw)) {
            try {
                Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException | UnsupportedOperationException e) {
                mvnw.toFile().setExecutable(true);
            }
        }
        return written;
    }

    /** The placeholder values of {@code request}, after checking it. */
    static Map<String, String> values(Request request) {
        if (!KINDS.containsKey(request.kind())) {
            throw new TemplateException("--kind: no template for kind [" + request.kind() + "]; available: "
                    + KINDS.keySet().stream().sorted().toList());
        }
        if (!NAME.matcher(request.name()).matches()) {
            throw new TemplateException("--name: [" + request.name() + "] is not a plugin name: lower-case letters and "
                    + "digits, words joined by '-', starting with a letter (e.g. cosine, sigmoid-gated)");
        }
        String packageName = request.packageName() != null ? request.packageName()
                : "org.example.awb." + request.kind() + "." + request.name().replace("-", "");
        if (!SourceVersion.isName(packageName) || !packageName.equals(packageName.toLowerCase(Locale.ROOT))) {
            throw new TemplateException("--package: [" + packageName + "] is not a lower-case Java package name");
        }
        Map<String, String> values = new LinkedHashMap<>(versions());
        values.put("kind", request.kind());
        values.put("name", request.name());
        values.put("package", packageName);
        values.put("packagePath", packageName.replace('.', '/'));
        values.put("groupId", packageName);
        values.put("artifactId", request.kind() + "-" + request.name());
        values.put("className", className(request.kind(), request.name()));
        values.put("interface", KINDS.get(request.kind()));
        values.put("summary", request.summary() != null ? request.summary()
                : className(request.kind(), request.name()) + PLACEHOLDER_SUMMARY);
        return values;
    }

    /** {@code cosine} → {@code CosineAttention}: the name in CamelCase, then the kind. */
    static String className(String kind, String name) {
        StringBuilder camel = new StringBuilder();
        for (String word : (name + "-" + kind).split("-")) {
            camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return camel.toString();
    }

    private static Map<String, String> versions() {
        Properties properties = new Properties();
        try (InputStream in = PluginTemplate.class.getResourceAsStream("/awb-template.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the runtime jar has no awb-template.properties", e);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> versions.put(k, properties.getProperty(k)));
        return versions;
    }

    static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder {{" + matcher.group(1) + "}} has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static void checkEmpty(Path dir) {
        try {
            if (Files.isRegularFile(dir) || (Files.isDirectory(dir) && Files.list(dir).findAny().isPresent())) {
                throw new TemplateException("--dir: " + dir + " already exists and is not empty; choose a new folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PluginTemplate.class.getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("the runtime jar has no template " + ROOT + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
