package dev.awb.runtime.experiment;

import java.util.List;

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
}
