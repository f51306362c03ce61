package dev.awb.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved parameter values of one plugin instance: every declared parameter present, defaults filled in,
 * types already checked by the runtime.
 *
 * <p>Immutable. Values are {@link Integer}, {@link Double}, {@link Boolean} or {@link String}.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The defaults of {@code specs}. */
    public static Params defaults(List<ParamSpec> specs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            values.put(spec.name(), spec.defaultValue());
        }
        return new Params(values);
    }

    /** Parameters holding exactly {@code values}; the caller has checked them against the specs. */
    public static Params of(Map<String, ?> values) {
        return new Params(new LinkedHashMap<>(values));
    }

    /** A copy with {@code name} set to {@code value}; handy in tests. */
    public Params with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Params(copy);
    }

    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return String.valueOf(require(name));
    }

    /** All values by name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter [" + name + "]; present: " + values.keySet());
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
