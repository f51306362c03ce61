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

    /**
     * {@code command} (a java command line of this distribution) running native variant {@code name} instead: the
     * class path's native jars swapped (see {@link #classPathFor}) and {@code -Dawb.native} set, chosen by
     * {@code chosenBy}.
     *
     * @throws IllegalArgumentException naming the variants shipped when {@code name} is not one of them
     */
    public static List<String> command(List<String> command, String name, String chosenBy) {
        return command(command, name, chosenBy, Path.of(System.getProperty("awb.dist", ".")));
    }

    /** {@link #command(List, String, String)} for the distribution at {@code dist}. */
    static List<String> command(List<String> command, String name, String chosenBy, Path dist) {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            if (argument.startsWith("-D" + PROPERTY + "=") || argument.startsWith("-D" + PROPERTY + ".chosen-by=")) {
                continue;
            }
            if (argument.equals("-cp") && i + 1 < command.size()) {
                changed.add("-D" + PROPERTY + "=" + name);
                changed.add("-D" + PROPERTY + ".chosen-by=" + chosenBy);
                changed.add(argument);
                changed.add(classPathFor(name, dist, command.get(++i)));
                continue;
            }
            changed.add(argument);
        }
        return changed;
    }

    /**
     * The variant name a provenance record's {@code awb.native} entry ({@link #describe}) names, or null when it
     * names none.
     */
    public static String recordedName(String described) {
        if (described == null || described.isBlank()) {
            return null;
        }
        String name = described.trim().split("[\\s(]", 2)[0];
        return name.matches("[a-z0-9_]+") && !"unknown".equals(name) ? name : null;
    }

    /**
     * Whether this CPU has the instructions of variant {@code name} (the flags the launcher checks, from
     * {@code /proc/cpuinfo}); true for {@code generic} and for names it does not know, false when the flags cannot
     * be read for avx2/avx512.
     */
    public static boolean supportedHere(String name) {
        List<String> needed = switch (name) {
            case "avx512" -> List.of("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx2", "fma");
            case "avx2" -> List.of("avx2", "fma");
            default -> List.of();
        };
        if (needed.isEmpty()) {
            return true;
        }
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            String flags = lines.filter(l -> l.startsWith("flags")).findFirst().map(l -> " " + l.substring(l.indexOf(':') + 1) + " ")
                    .orElse("");
            return needed.stream().allMatch(f -> flags.contains(" " + f + " "));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
