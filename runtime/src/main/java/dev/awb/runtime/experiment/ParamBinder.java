package dev.awb.runtime.experiment;

import dev.awb.api.ParamSpec;
import dev.awb.api.ParamType;
import dev.awb.api.Params;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a node's {@code with:} values against a plugin's parameter declarations and resolves them, with
 * defaults, into {@link Params}. Every problem names the node, the parameter and the value found.
 * Relative {@link ParamType#PATH} values are resolved against the experiment file's directory, so that an
 * experiment and the data beside it can be moved together.
 */
final class ParamBinder {
    private ParamBinder() {
    }

    /** The resolved parameters; problems go to {@code problems} and the offending value is left at its default. */
    static Params bind(String node, String plugin, List<ParamSpec> specs, Map<String, ExperimentFile.Value> with,
            Path base, List<Problem> problems) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Map<String, Object> values = new LinkedHashMap<>();
        specs.forEach(s -> values.put(s.name(), s.defaultValue()));
        for (Map.Entry<String, ExperimentFile.Value> entry : with.entrySet()) {
            ParamSpec spec = byName.get(entry.getKey());
            ExperimentFile.Value found = entry.getValue();
            if (spec == null) {
                problems.add(new Problem(found.location(), "node '" + node + "': " + plugin + " has no parameter '"
                        + entry.getKey() + "'" + Suggestions.didYouMean(entry.getKey(), byName.keySet())
                        + "; parameters: " + List.copyOf(byName.keySet())));
                continue;
            }
            String error = check(spec, found.value());
            if (error != null) {
                problems.add(new Problem(found.location(), "node '" + node + "': " + plugin + " parameter '"
                        + spec.name() + "' " + error));
            } else if (spec.type() == ParamType.PATH) {
                values.put(spec.name(), resolve(base, coerce(spec, found.value()).toString()));
            } else {
                values.put(spec.name(), coerce(spec, found.value()));
            }
        }
        return Params.of(values);
    }

    /** {@code path} made absolute against {@code base} (the experiment's directory); empty stays empty. */
    static String resolve(Path base, String path) {
        if (path.isEmpty() || Path.of(path).isAbsolute()) {
            return path;
        }
        Path directory = base == null ? Path.of("") : base;
        return directory.resolve(path).toAbsolutePath().normalize().toString();
    }

    /** Why {@code value} does not fit {@code spec}, or null when it does. */
    static String check(ParamSpec spec, Object value) {
        Object coerced = coerce(spec, value);
        if (coerced == null) {
            String expected = spec.type() == ParamType.CHOICE ? "one of " + spec.choices()
                    : (spec.type() == ParamType.DOUBLE ? "a finite " : "a ")
                            + spec.type().label();
            return "must be " + expected + ", found '" + value + "'";
        }
        if (coerced instanceof Number number) {
            double v = number.doubleValue();
            if ((spec.min() != null && v < spec.min()) || (spec.max() != null && v > spec.max())) {
                return "must be in [" + bound(spec.min()) + ", " + bound(spec.max()) + "], found " + value;
            }
        }
        return null;
    }

    /** {@code value} as the spec's Java type, or null if it cannot be one. */
    private static Object coerce(ParamSpec spec, Object value) {
        if (value == null) {
            return null;
        }
        return switch (spec.type()) {
            case INT -> {
                Double d = number(value);
                yield d != null && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (Object) d.intValue() : null;
            }
            case DOUBLE -> number(value);
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case CHOICE -> spec.choices().contains(value.toString()) ? value.toString() : null;
            case STRING, PATH -> value.toString();
        };
    }

    /**
     * Finite numbers, and numeric strings in decimal notation (a quoted {@code "1e-3"}, or text from an override).
     * Java's own spellings ({@code "NaN"}, {@code "Infinity"}, {@code "0x1p3"}, {@code "1.0f"}) are not numbers here.
     */
    private static Double number(Object value) {
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? number.doubleValue() : null;
        }
        if (value instanceof String text && DECIMAL.matcher(text.trim()).matches()) {
            double number = Double.parseDouble(text.trim());
            return Double.isFinite(number) ? number : null;
        }
        return null;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private static String bound(Double bound) {
        if (bound == null) {
            return "…";
        }
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? String.valueOf(bound.longValue()) : bound.toString();
    }
}
