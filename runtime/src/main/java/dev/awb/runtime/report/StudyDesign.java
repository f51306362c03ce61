package dev.awb.runtime.report;

import dev.awb.runtime.experiment.StudySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a study's trials fall into groups: the compared axis (its values are the variants), the context axes
 * (every other sweep axis: comparisons are made within one combination of their values) and the budget
 * axes (tuned; collapsed to their best point per variant).
 */
final class StudyDesign {
    /** The variant name when the study compares nothing. */
    static final String ALL = "all";

    final String compare;
    final String note;
    final List<String> contextAxes;
    final List<String> budgetAxes;
    final List<String> variants;
    final List<String> contexts;
    final String baseline;

    private StudyDesign(String compare, String note, List<String> contextAxes, List<String> budgetAxes,
            List<String> variants, List<String> contexts, String baseline) {
        this.compare = compare;
        this.note = note;
        this.contextAxes = contextAxes;
        this.budgetAxes = budgetAxes;
        this.variants = variants;
        this.contexts = contexts;
        this.baseline = baseline;
    }

    /**
     * The design of {@code data}.
     *
     * @throws ReportException if the spec's baseline is not a value of the compared axis
     */
    static StudyDesign of(StudyData data) {
        StudySpec spec = data.spec;
        List<String> budget = spec.budget();
        List<String> free = new ArrayList<>(data.labelKeys);
        free.removeAll(budget);
        String compare = spec.compare();
        String note = "";
        if (compare == null && !free.isEmpty()) {
            compare = free.get(0);
            if (free.size() > 1) {
                note = "no 'compare' declared: comparing '" + compare + "', the first of the axes " + free;
            }
        }
        List<String> context = new ArrayList<>(free);
        context.remove(compare);
        Set<String> values = new LinkedHashSet<>();
        Set<String> contexts = new LinkedHashSet<>();
        for (ReportTrial t : data.trials) {
            values.add(compare == null ? ALL : t.label(compare));
            contexts.add(join(t, context));
        }
        List<String> variants = new ArrayList<>(values);
        String baseline = spec.baseline();
        if (baseline != null && compare != null) {
            if (!variants.contains(baseline)) {
                throw new ReportException("study " + data.info.id() + ": baseline [" + baseline
                        + "] is not a value of the compared axis [" + compare + "]; values: " + variants);
            }
        } else {
            baseline = variants.isEmpty() ? null : variants.get(0);
        }
        if (baseline != null) {
            variants.remove(baseline);
            variants.add(0, baseline);
        }
        return new StudyDesign(compare, note, List.copyOf(context), List.copyOf(budget), List.copyOf(variants),
                new ArrayList<>(contexts), baseline);
    }

    String variant(ReportTrial t) {
        return compare == null ? ALL : t.label(compare);
    }

    String context(ReportTrial t) {
        return join(t, contextAxes);
    }

    String budgetPoint(ReportTrial t) {
        return join(t, budgetAxes);
    }

    /** The axis values of {@code t} as {@code axis=value, ...}; empty without axes. */
    static String join(ReportTrial t, List<String> axes) {
        return axes.stream().map(a -> a + "=" + t.label(a)).collect(Collectors.joining(", "));
    }
}
