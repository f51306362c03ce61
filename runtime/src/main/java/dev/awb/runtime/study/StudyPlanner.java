package dev.awb.runtime.study;

import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.ExperimentValidator;
import dev.awb.runtime.experiment.MetricKeys;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.launch.PluginRegistry;
import dev.awb.runtime.train.GraphCheck;

/**
 * Turns an experiment file into the plan of its study, checked against the live plugins before any compute
 * ({@code awb run}, {@code awb plan}, {@code awb validate} all plan this way).
 */
public final class StudyPlanner {
    private StudyPlanner() {
    }

    /**
     * The plan of {@code experiment}: every sweep point validated against the plugins of {@code registry} (types,
     * ranges, names, wiring, sweep axes), each distinct graph built once, and every metric key the study names
     * given its direction.
     *
     * @throws dev.awb.runtime.experiment.ExperimentException listing every problem, each at its file position
     */
    public static StudyPlan plan(PluginRegistry registry, ExperimentFile experiment) {
        StudyPlan plan = ExperimentValidator.validate(experiment, registry);
        GraphCheck.check(plan);
        return MetricKeys.check(plan);
    }
}
