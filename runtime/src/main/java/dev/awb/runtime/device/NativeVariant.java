package dev.awb.runtime.device;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The build of ND4J's CPU natives on this process's class path, and who chose it.
 *
 * <p>The distribution ships several builds, each in its own folder {@code lib/native/NAME/} ({@code avx512}: the
 * oneDNN AVX-512 build, {@code avx2}: oneDNN AVX2, {@code generic}: plain x86-64), never more than one on a class
 * path: with several, JavaCPP would load whichever it met first. The launcher ({@code bin/awb}, {@code ./awb})
 * picks the best one the CPU supports from {@code /proc/cpuinfo}, or the one {@code AWB_NATIVE} names, and says so
 * with {@code -Dawb.native=NAME -Dawb.native.chosen-by=...}; worker JVMs inherit the class path and both properties.
 *
 * @param name {@code avx512}, {@code avx2}, {@code generic}, or the jar's classifier when it is none of these
 * @param jar the nd4j-native classifier jar on the class path
 * @param chosenBy how it was chosen: from the CPU's flags, by {@code AWB_NATIVE}, or by the class path alone
 */
public record NativeVariant(String name, String jar, String chosenBy) {
    /** The system property the launcher sets to the chosen variant's name. */
    public static final String PROPERTY = "awb.native";
    /** The folder of the distribution that holds one folder per variant. */
    public static final String FOLDER = "lib/native";

    /** The variant this process runs. */
    public static NativeVariant current() {
        String jar = jarOnClassPath(System.getProperty("java.class.path"));
        String name = System.getProperty(PROPERTY, jar == null ? "unknown" : fromJar(jar));
        return new NativeVariant(name, jar == null ? "no nd4j-native classifier jar on the class path" : jar,
                System.getProperty(PROPERTY + ".chosen-by", "the class path"));
    }

    /** {@code avx512 (nd4j-native-...-onednn-avx512.jar, chosen by ...)}. */
    public String describe() {
        return name + " (" + jar + "; chosen by " + chosenBy + ")";
    }

    /** The file name of the first nd4j-native jar with a platform classifier on {@code classPath}, or null. */
    static String jarOnClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).map(p -> Path.of(p).getFileName())
                .filter(java.util.Objects::nonNull).map(Path::toString)
                .filter(n -> n.matches("nd4j-native-[0-9].*-(linux|windows|macosx|android)-.*\\.jar"))
                .findFirst().orElse(null);
    }

    /** The variant a classifier jar holds: {@code ...-linux-x86_64-onednn-avx512.jar} is {@code avx512}. */
    static String fromJar(String jar) {
        String classifier = jar.replaceFirst("^nd4j-native-[^-]+(-M[0-9.]+)?-", "").replaceFirst("\\.jar$", "");
        if (classifier.matches("[a-z]+-x86_64")) {
            return "generic";
        }
        return classifier.replaceFirst("^[a-z]+-x86_64-(onednn-)?", "");
    }

    /** The variants a distribution ships: the folders under {@code lib/native/}, sorted. */
    public static List<String> available(Path distribution) {
        Path folder = distribution.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> variants = Files.list(folder)) {
            return variants.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code classPath} with every entry under the distribution's {@code lib/native/} replaced by the jars of
     * variant {@code name}: the class path of a child JVM that runs another variant.
     *
     * @throws IllegalArgumentException naming the variants shipped when {@code name} is not one of them
     */
    public static String classPathFor(String name, Path distribution, String classPath) {
        Path folder = distribution.resolve(FOLDER).toAbsolutePath().normalize();
        Path variant = folder.resolve(name);
        if (!Files.isDirectory(variant)) {
            throw new IllegalArgumentException("no native variant '" + name + "' in " + folder + "; available: "
                    + available(distribution));
        }
        List<String> entries = new ArrayList<>(Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().normalize().startsWith(folder)).toList());
        try (Stream<Path> jars = Files.list(variant)) {
            entries.addAll(jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + variant + ": " + e.getMessage(), e);
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
}
