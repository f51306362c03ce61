package dev.awb.testkit;

/**
 * The rule for the names a metric returns (they become stored keys {@code SPLIT.NAME}, report columns and
 * {@code tune.select} values): non-blank, at most {@link #MAX_LENGTH} characters, no leading or trailing space and no
 * control character. A family and a member are joined by '/' ({@code f1/B-PER}, {@code attention_entropy/layer0});
 * class names after the slash come from the data and may hold any other character.
 */
public final class MetricNames {
    /** The longest accepted name. */
    public static final int MAX_LENGTH = 200;

    private MetricNames() {
    }

    /** What is wrong with {@code name}, or null when it is a valid metric name. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "is " + name.length() + " characters long, at most " + MAX_LENGTH + " allowed";
        }
        if (!name.strip().equals(name)) {
            return "starts or ends with white space";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "holds a control character";
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "has an empty part between '/' separators";
        }
        return null;
    }
}
