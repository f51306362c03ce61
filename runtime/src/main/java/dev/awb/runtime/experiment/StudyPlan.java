package dev.awb.runtime.experiment;

import java.util.List;

/**
 * A validated experiment: the file it came from and the trials it expands to.
 *
 * @param file the experiment file as read (overrides applied)
 * @param trials every trial, sweep points times seeds, in plan order
 * @param summary how the trial count comes about, e.g. {@code 2 attention.use x 3 seeds = 6 trials}
 * @param spec the study's comparison settings as JSON (see {@link dev.awb.runtime.store.StudyRecord#spec()})
 */
public record StudyPlan(ExperimentFile file, List<Trial> trials, String summary, String spec) {
    public StudyPlan {
        trials = List.copyOf(trials);
    }

    public String name() {
        return file.name();
    }
}
