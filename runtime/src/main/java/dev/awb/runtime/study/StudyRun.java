package dev.awb.runtime.study;

import dev.awb.runtime.build.BuildInfo;
import dev.awb.runtime.device.DeviceAssignment;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.store.ResultsStore;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code awb run} of a study: the study opened in the store (continued, or new with {@code --fresh}), what is
 * left of its plan, and how many worker processes and threads run that here.
 *
 * @param study the study
 * @param finished trials of the plan done before this run (finished or diverged)
 * @param toRun trials of the plan left to run
 */
public record StudyRun(Study study, int finished, int toRun) {
    /**
     * Opens the study of {@code plan} in {@code results} ({@link Study#open}, recording this build's version and
     * revision) and counts what is left to run.
     *
     * @throws dev.awb.runtime.experiment.ExperimentException when continuing would mix configurations in one study
     */
    public static StudyRun open(ResultsStore results, StudyPlan plan, List<String> overrides, Path runs,
            boolean fresh) {
        BuildInfo build = BuildInfo.load();
        Study study = Study.open(results, plan, overrides, runs, fresh, build.revision(), build.version());
        int finished = (int) results.trials(study.id()).stream().filter(t -> t.isDone()).count();
        return new StudyRun(study, finished, plan.trials().size() - finished);
    }

    /**
     * The worker processes of a local run: {@code requested} when given (0 runs the trials in this process), else
     * as many as this machine's cores and memory hold ({@link WorkerCount}), no more than the device slots and the
     * trials left, at least one.
     */
    public int workers(Integer requested, DeviceAssignment devices) {
        if (requested != null) {
            return requested;
        }
        return Math.max(1, Math.min(Math.min(WorkerCount.forThisMachine(), devices.slots()), toRun));
    }

    /** The OpenMP threads of each of {@code workers}: {@code requested} when given, else the cores shared out. */
    public static int threadsPerWorker(Integer requested, int workers) {
        int cores = Runtime.getRuntime().availableProcessors();
        return requested != null ? requested : Math.max(1, cores / Math.max(1, workers));
    }
}
