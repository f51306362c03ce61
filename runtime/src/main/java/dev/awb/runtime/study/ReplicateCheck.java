package dev.awb.runtime.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.Problem;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.TrialRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule that keeps a study one configuration set: trials with the same sweep labels are replicates, so they
 * may differ in their seed and in nothing else.
 *
 * <p>Running an experiment again continues its study (issue 13). That is safe when the new plan adds seeds,
 * sweep points or axis values, or drops some: none of those makes two trials with equal labels differ. It is
 * not safe when an override or an edit changes a setting that is not a sweep axis (say
 * {@code -s train.with.epochs=2} after a run with 1), a plugin version or a data file's content: the report
 * would pool both configurations as if they were seeds. Such a run is refused before anything is written, naming
 * the settings that differ, and the user chooses: {@code --fresh} (a new study of this experiment) or another
 * {@code experiment:} name.
 */
public final class ReplicateCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicateCheck() {
    }

    /**
     * The trial's configuration without its seed, as canonical JSON: equal for exactly the trials that are
     * replicates of one another.
     */
    public static String replicateKey(String config) {
        JsonNode tree = parse(config);
        if (tree instanceof ObjectNode object) {
            object.remove("seed");
        }
        return tree.toString();
    }

    /**
     * Checks {@code plan} against the trials {@code stored} in the study it would continue.
     *
     * @throws ExperimentException (located at the file's {@code experiment:} key) naming the differing settings,
     *     when a planned trial has the labels of a stored trial but another configuration
     */
    static void check(String studyId, StudyPlan plan, List<TrialRecord> stored) {
        Map<Map<String, String>, TrialRecord> byLabels = new LinkedHashMap<>();
        for (TrialRecord record : stored) {
            byLabels.putIfAbsent(record.labelMap(), record);
        }
        for (Trial trial : plan.trials()) {
            TrialRecord earlier = byLabels.get(trial.labels());
            if (earlier == null || replicateKey(earlier.config()).equals(replicateKey(trial.config()))) {
                continue;
            }
            List<String> differences = differences(parse(earlier.config()), parse(trial.config()));
            String labels = trial.labels().isEmpty() ? "" : " with labels " + trial.labels();
            throw new ExperimentException(List.of(new Problem(plan.file().location(), "study '" + studyId
                    + "' already holds trials" + labels + " run with other settings, which the report would pool"
                    + " with these as if they were seeds; differing: " + String.join("; ", differences)
                    + ". Run with the study's settings to continue it, or start a new study: --fresh, or another"
                    + " 'experiment:' name")));
        }
    }

    /** {@code path: stored value -> planned value} for every leaf that differs (seed excluded), at most 8. */
    static List<String> differences(JsonNode stored, JsonNode planned) {
        Map<String, String> before = new TreeMap<>();
        Map<String, String> after = new TreeMap<>();
        flatten("", stored, before);
        flatten("", planned, after);
        before.remove("seed");
        after.remove("seed");
        List<String> differences = new ArrayList<>();
        for (String path : differingPaths(List.of(before, after))) {
            differences.add(path + ": " + before.getOrDefault(path, ABSENT) + " in the study, "
                    + after.getOrDefault(path, ABSENT) + " now");
        }
        if (differences.size() > 8) {
            int more = differences.size() - 8;
            differences = new ArrayList<>(differences.subList(0, 8));
            differences.add("and " + more + " more");
        }
        return differences;
    }

    /** The value shown for a leaf one configuration lacks. */
    public static final String ABSENT = "(absent)";

    /** The leaf paths (sorted) whose value, or absence, is not the same in every one of {@code leaves}. */
    public static List<String> differingPaths(java.util.Collection<Map<String, String>> leaves) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        leaves.forEach(l -> all.addAll(l.keySet()));
        List<String> differing = new ArrayList<>();
        for (String path : all) {
            if (leaves.stream().map(l -> l.getOrDefault(path, ABSENT)).distinct().count() > 1) {
                differing.add(path);
            }
        }
        return differing;
    }

    /** Puts the leaves of {@code node} into {@code out}, as path ({@code a.b[0].c}) → JSON text. */
    public static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(prefix, node.toString());
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trial configuration is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
