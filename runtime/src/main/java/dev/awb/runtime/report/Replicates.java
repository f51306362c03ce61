package dev.awb.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.study.ReplicateCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which trials the report may pool: only replicates, trials whose resolved configurations differ in the seed
 * alone (issue 13).
 *
 * <p>The report groups trials by their sweep labels. {@code awb run} refuses to put trials with equal labels and
 * different settings into one study, but a store written by an older version can hold them; then each distinct
 * configuration gets its own value of the extra label {@value #AXIS} (the settings that set it apart), so it is
 * reported as a group of its own and never averaged with the others.
 */
final class Replicates {
    /** The label added to trials whose labels alone would pool different configurations. */
    static final String AXIS = "setting";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trials, with {@value #AXIS} labels added where equal labels hide different configurations. */
    final List<ReportTrial> trials;
    /** One sentence per label group that had to be split; empty when none had to be. */
    final List<String> splits;

    private Replicates(List<ReportTrial> trials, List<String> splits) {
        this.trials = List.copyOf(trials);
        this.splits = List.copyOf(splits);
    }

    static Replicates of(List<ReportTrial> trials) {
        Map<Map<String, String>, Map<String, List<ReportTrial>>> groups = new LinkedHashMap<>();
        for (ReportTrial trial : trials) {
            groups.computeIfAbsent(trial.labels(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(ReplicateCheck.replicateKey(trial.config()), k -> new ArrayList<>()).add(trial);
        }
        Map<String, String> settingOf = new HashMap<>();
        List<String> splits = new ArrayList<>();
        for (Map.Entry<Map<String, String>, Map<String, List<ReportTrial>>> group : groups.entrySet()) {
            if (group.getValue().size() < 2) {
                continue;
            }
            Map<String, Map<String, String>> leaves = new LinkedHashMap<>();
            group.getValue().forEach((key, members) -> leaves.put(key, flatten(key)));
            List<String> differing = ReplicateCheck.differingPaths(leaves.values());
            leaves.forEach((key, leaf) -> settingOf.put(key, differing.stream().map(p -> p + "=" + leaf.getOrDefault(p,
                    ReplicateCheck.ABSENT)).collect(Collectors.joining(", "))));
            splits.add("trials " + (group.getKey().isEmpty() ? "" : "with labels " + group.getKey() + " ")
                    + "were run with " + group.getValue().size() + " different configurations (differing in "
                    + differing + "); each is reported as its own group under '" + AXIS + "', never pooled");
        }
        if (settingOf.isEmpty()) {
            return new Replicates(trials, splits);
        }
        List<ReportTrial> separated = new ArrayList<>();
        for (ReportTrial trial : trials) {
            String setting = settingOf.get(ReplicateCheck.replicateKey(trial.config()));
            Map<String, String> labels = new LinkedHashMap<>(trial.labels());
            labels.put(AXIS, setting == null ? "" : setting);
            separated.add(trial.withLabels(labels));
        }
        return new Replicates(separated, splits);
    }

    /**
     * The resolved settings that tell the groups apart: for each leaf of the configuration (seed excluded) whose
     * value is not the same in every group, that value per group, at most {@code limit} rows. Groups are keyed
     * by {@code groupOf} (e.g. the compared value); each group's first trial speaks for it.
     */
    static Map<String, Map<String, String>> distinguishing(List<ReportTrial> trials,
            java.util.function.Function<ReportTrial, String> groupOf, int limit) {
        Map<String, Map<String, String>> leavesByGroup = new LinkedHashMap<>();
        for (ReportTrial trial : trials) {
            leavesByGroup.computeIfAbsent(groupOf.apply(trial), g -> flatten(ReplicateCheck.replicateKey(trial.config())));
        }
        Map<String, Map<String, String>> rows = new TreeMap<>();
        if (leavesByGroup.size() < 2) {
            return rows;
        }
        for (String path : ReplicateCheck.differingPaths(leavesByGroup.values())) {
            if (rows.size() == limit) {
                break;
            }
            Map<String, String> row = new LinkedHashMap<>();
            leavesByGroup.forEach((group, leaves) -> row.put(group, leaves.getOrDefault(path, ReplicateCheck.ABSENT)));
            rows.put(path, row);
        }
        return rows;
    }

    private static Map<String, String> flatten(String json) {
        Map<String, String> leaves = new TreeMap<>();
        try {
            JsonNode tree = json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
            ReplicateCheck.flatten("", tree, leaves);
        } catch (JsonProcessingException e) {
            leaves.put("(configuration)", json);
        }
        return leaves;
    }
}
