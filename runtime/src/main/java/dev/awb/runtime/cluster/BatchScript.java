package dev.awb.runtime.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The batch script of a study's Slurm array job: array task {@code i} looks up its trial on line {@code i + 1}
 * of the submission's trial list and {@code exec}s the worker command for it, so the task's exit code is the
 * worker's (0 finished, 1 failed and recorded in the store, 2 the experiment file no longer has the trial).
 *
 * <p>The worker command is the submitting awb's own java, class path and distribution (absolute paths), so
 * compute nodes must see them at the same paths, as they see the study directory and the store.
 * {@code OMP_NUM_THREADS} follows the CPUs Slurm gave the task.
 *
 * @param studyId the study, for the task's first output line
 * @param trials the submission's trial list
 * @param workerCommand the worker's command line without its {@code --trial} option
 * @param environment variables to export before starting the worker
 */
record BatchScript(String studyId, Path trials, List<String> workerCommand, Map<String, String> environment) {

    String text() {
        String exports = environment.entrySet().stream()
                .map(e -> "export " + e.getKey() + "=" + quote(e.getValue()) + "\n").collect(Collectors.joining());
        String command = workerCommand.stream().map(BatchScript::quote).collect(Collectors.joining(" "));
        return """
                #!/bin/bash
                # awb: one trial of study %1$s per array task; array index i runs the trial on line i+1 of the list.
                mapfile -t trials < %2$s
                trial="${SLURM_ARRAY_TASK_ID:+${trials[$SLURM_ARRAY_TASK_ID]}}"
                if [ -z "$trial" ]; then
                    echo "[slurm] array task ${SLURM_ARRAY_TASK_ID:-(none)} has no trial in "%2$s >&2
                    exit 2
                fi
                echo "[slurm] study "%3$s", task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}: trial $trial on $(hostname)\
                ${CUDA_VISIBLE_DEVICES:+, CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES}"
                export OMP_NUM_THREADS="${SLURM_CPUS_PER_TASK:-1}"
                export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
                %4$sexec %5$s --trial "$trial"
                """.formatted(studyId.replaceAll("[^A-Za-z0-9._-]", "_"), quote(trials.toString()), quote(studyId),
                exports, command);
    }

    /** {@code value} as one word for bash, in single quotes. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
