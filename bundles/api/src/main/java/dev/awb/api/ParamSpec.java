package dev.awb.api;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one typed plugin parameter: its name, type, default, description and valid range.
 *
 * <p>Plugins return their specs from {@link Configurable#params()}; the runtime validates experiment
 * files against them before any compute and fills in the defaults. Build specs with the factory
 * methods and narrow them with {@link #range(double, double)}:
 *
 * <pre>{@code ParamSpec.ofInt("heads", 4, "Number of attention heads").range(1, 64)}</pre>
 *
 * @param name snake_case key as written under {@code with:}
 * @param type the value type
 * @param defaultValue the default, of the Java type matching {@code type}; never null
 * @param description one sentence for {@code awb plugins} and the JSON schema
 * @param min inclusive lower bound for numbers, or null
 * @param max inclusive upper bound for numbers, or null
 * @param choices the valid values of a {@link ParamType#CHOICE}, empty otherwise
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String description,
        Double min, Double max, List<String> choices) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, () -> "parameter [" + name + "] needs a default");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("parameter [" + name + "] needs a description");
        }
        choices = List.copyOf(choices);
    }

    /** An integer parameter. */
    public static ParamSpec ofInt(String name, int defaultValue, String description) {
        return new ParamSpec(name, ParamType.INT, defaultValue, description, null, null, List.of());
    }

    /** A real-valued parameter. */
    public static ParamSpec ofDouble(String name, double defaultValue, String description) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, description, null, null, List.of());
    }

    /** A boolean parameter. */
    public static ParamSpec ofBoolean(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, description, null, null, List.of());
    }

    /** A free-text parameter. */
    public static ParamSpec ofString(String name, String defaultValue, String description) {
        return new ParamSpec(name, ParamType.STRING, defaultValue, description, null, null, List.of());
    }

    /**
     * A path parameter; relative values are resolved against the experiment file's directory. Use the
     * empty string as the default for "none".
     */
    public static ParamSpec ofPath(String name, String defaultValue, String description) {
        return new ParamSpec(name, ParamType.PATH, defaultValue, description, null, null, List.of());
    }

    /** A parameter taking one of {@code choices}; the default must be one of them. */
    public static ParamSpec ofChoice(String name, String defaultValue, String description, String... choices) {
        if (!List.of(choices).contains(defaultValue)) {
            throw new IllegalArgumentException(
                    "parameter [" + name + "]: default [" + defaultValue + "] is not one of " + List.of(choices));
        }
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, description, null, null, List.of(choices));
    }

    /** This spec with an inclusive numeric range. */
    public ParamSpec range(double min, double max) {
        return new ParamSpec(name, type, defaultValue, description, min, max, choices);
    }

    /** This spec with an inclusive lower bound only. */
    public ParamSpec atLeast(double min) {
        return new ParamSpec(name, type, defaultValue, description, min, null, choices);
    }
}
