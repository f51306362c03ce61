package dev.awb.runtime.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated experiment: the file it came from and the trials it expands to.
 *
 * @param file the experiment file as read (overrides applied)
 * @param trials every trial, sweep points times seeds, in plan order
 * @param summary how the trial count comes about, e.g. {@code 2 attention.use x 3 seeds = 6 trials}
 * @param spec the study's comparison settings (stored as {@link dev.awb.runtime.store.StudyRecord#spec()})
 */
public record StudyPlan(ExperimentFile file, List<Trial> trials, String summary, StudySpec spec) {
    public StudyPlan {
        trials = List.copyOf(trials);
    }

    /** This plan with another spec (the same trials). */
    public StudyPlan withSpec(StudySpec other) {
        return new StudyPlan(file, trials, summary, other);
    }

    public String name() {
        return file.name();
    }

    /** The trial with id {@code id}, or null when this plan has none (the file or a plugin changed). */
    public Trial trial(String id) {
        return trials.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * For every plugin the trials use, {@code kind/name} → the highest version they use: what a file naming the
     * plugin without {@code @VERSION} resolved to when this plan was made. Workers validate with these pins, so a
     * newer jar installed meanwhile does not change the plan under a running study.
     */
    public Map<String, String> pins() {
        Map<String, org.osgi.framework.Version> highest = new TreeMap<>();
        for (Trial trial : trials) {
            for (ResolvedNode node : trial.nodes()) {
                highest.merge(node.plugin().id(), org.osgi.framework.Version.parseVersion(node.plugin().version()),
                        (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        Map<String, String> pins = new LinkedHashMap<>();
        highest.forEach((id, version) -> pins.put(id, version.toString()));
        return pins;
    }
}
