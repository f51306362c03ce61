package dev.awb.runtime.experiment;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The Java value of one YAML scalar, read strictly: an integer is an {@link Integer} or {@link Long}, a float a
 * finite {@link Double}, a boolean a {@link Boolean}, null null, anything else its text.
 *
 * <p>SnakeYAML resolves scalars by YAML 1.1 rules, which turn some innocent-looking text into numbers nobody
 * meant ({@code 1:30} is the base-60 integer 90, {@code 0b101} is 5, {@code 010} is 8) and allow values no
 * parameter can use ({@code .nan}, {@code .inf}, integers past 64 bits). Each of these is refused with the
 * reason, as is an explicit tag ({@code !!int}, {@code !!float}, {@code !!bool}) on text that is not of its type
 * and any tag other than the core ones.
 */
final class YamlScalar {
    /** The value, or {@link #INVALID} when {@link #problem} says why there is none. */
    static final Object INVALID = new Object();

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    private static final Set<Tag> ACCEPTED = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private final Object value;
    private final String problem;

    private YamlScalar(Object value, String problem) {
        this.value = value;
        this.problem = problem;
    }

    /** The value of {@code node}. */
    static YamlScalar of(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (!ACCEPTED.contains(tag)) {
            String shown = tag.getValue().startsWith(Tag.PREFIX) ? "!!" + tag.getValue().substring(Tag.PREFIX.length())
                    : tag.getValue();
            return invalid("'" + text + "' has the tag " + shown + ", which experiment files do not use; remove the tag");
        }
        if (Tag.INT.equals(tag)) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(text);
        }
        if (Tag.BOOL.equals(tag)) {
            return TRUE.contains(text) ? new YamlScalar(true, null) : FALSE.contains(text) ? new YamlScalar(false, null)
                    : invalid("'" + text + "' is tagged !!bool but is not true or false");
        }
        if (Tag.NULL.equals(tag)) {
            return new YamlScalar(null, null);
        }
        return new YamlScalar(text, null);
    }

    /** The value, or {@link #INVALID}. */
    Object value() {
        return value;
    }

    /** Why the scalar has no value, or null. */
    String problem() {
        return problem;
    }

    private static YamlScalar integer(String written) {
        String text = written.replace("_", "");
        if (text.contains(":")) {
            return invalid("'" + written + "' is a YAML 1.1 base-60 (sexagesimal) number; write the value in decimal,"
                    + " or quote it if it is text");
        }
        if (text.matches("[-+]?0b[01]+")) {
            return invalid("'" + written + "' is a YAML 1.1 binary literal; write the number in decimal");
        }
        BigInteger number;
        if (DECIMAL.matcher(text).matches()) {
            number = new BigInteger(text);
        } else if (HEX.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            number = new BigInteger(text.substring(text.indexOf('x') + 1), 16);
            number = negative ? number.negate() : number;
        } else if (text.matches("[-+]?0[0-7]+")) {
            return invalid("'" + written + "' has a leading zero, which YAML 1.1 reads as an octal number; write it"
                    + " without the leading zero, or quote it if it is text");
        } else {
            return invalid("'" + written + "' is tagged !!int but is not an integer");
        }
        if (number.bitLength() > 63) {
            return invalid("integer " + written + " is outside the 64-bit range [" + Long.MIN_VALUE + ", "
                    + Long.MAX_VALUE + "]");
        }
        long v = number.longValue();
        return new YamlScalar(v == (int) v ? (Object) (int) v : (Object) v, null);
    }

    private static YamlScalar floating(String written) {
        String text = written.replace("_", "");
        if (NON_FINITE.matcher(text).matches()) {
            return invalid("'" + written + "' is not a finite number; experiment values must be finite");
        }
        if (text.contains(":")) {
            return invalid("'" + written + "' is a YAML 1.1 base-60 (sexagesimal) number; write the value in decimal,"
                    + " or quote it if it is text");
        }
        if (!FLOAT.matcher(text).matches()) {
            return invalid("'" + written + "' is tagged !!float but is not a number");
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            return invalid("'" + written + "' is too large for a 64-bit float");
        }
        return new YamlScalar(v, null);
    }

    private static YamlScalar invalid(String problem) {
        return new YamlScalar(INVALID, problem);
    }
}
