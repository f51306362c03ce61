package dev.awb.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.report.stats.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a study asks its report: the label axis to compare, the baseline value, the metrics to tabulate,
 * the sweep axes, the tuned (budget) axes and the metric that selects the best budget point.
 *
 * @param compare label key whose values are compared, or null
 * @param baseline value of {@code compare} every other value is tested against, or null (then the first)
 * @param metrics metrics as {@code split.name}; empty means every final test metric
 * @param axes sweep axis names (label keys)
 * @param budget tuned axis names; the best point per compared value is chosen by {@code select}
 * @param select {@code split.name} of the selection metric, or null
 * @param selectDirection whether {@code select} is maximised or minimised
 * @param overrides the command-line overrides ({@code -s PATH=VALUE}) of the run that last planned the study
 */
public record StudySpec(String compare, String baseline, List<String> metrics, List<String> axes, List<String> budget,
        String select, Direction selectDirection, List<String> overrides) {

    /** Parses the study record's spec JSON ({@code null} or empty gives the defaults). */
    public static StudySpec parse(String json) {
        if (json == null || json.isBlank()) {
            return new StudySpec(null, null, List.of(), List.of(), List.of(), null, Direction.HIGHER_IS_BETTER,
                    List.of());
        }
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            String mode = text(node, "select_mode");
            String select = text(node, "select");
            Direction direction = "min".equals(mode) ? Direction.LOWER_IS_BETTER
                    : "max".equals(mode) ? Direction.HIGHER_IS_BETTER
                    : select != null ? Direction.of(select) : Direction.HIGHER_IS_BETTER;
            return new StudySpec(text(node, "compare"), text(node, "baseline"), list(node, "metrics"),
                    list(node, "axes"), list(node, "budget"), select, direction, list(node, "overrides"));
        } catch (IOException e) {
            throw new UncheckedIOException("study spec is not valid JSON: " + json, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> list(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode value = node.get(field);
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        }
        return List.copyOf(out);
    }
}
