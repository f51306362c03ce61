package dev.awb.runtime.experiment;

import java.util.List;

/**
 * A validated experiment: the file it came from and the trials it expands to.
 */
public record StudyPlan(ExperimentFile file, List<Trial> trials) {
    public String name() {
        return file.name();
    }
}
