package dev.awb.runtime.cluster;

import java.util.Set;

/**
 * One task of a Slurm array job as {@code squeue} (and {@code scontrol show job}) report it.
 *
 * @param jobId the array's job id (the id {@code sbatch} printed)
 * @param index the array index
 * @param state the Slurm job state, e.g. {@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED},
 *     {@code TIMEOUT}, {@code CANCELLED}, {@code OUT_OF_MEMORY}
 * @param reason Slurm's reason for the state, e.g. {@code JobArrayTaskLimit}, {@code NonZeroExitCode}
 * @param exitCode {@code CODE:SIGNAL} of an ended task when {@code scontrol} still knows it, else null
 */
public record TaskState(String jobId, int index, String state, String reason, String exitCode) {
    /** States after which a task no longer runs and never will again (Slurm's job state codes). */
    private static final Set<String> ENDED = Set.of("BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED",
            "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "TIMEOUT");

    /** Whether the task is queued, running or about to run (anything not ended). */
    public boolean live() {
        return !ENDED.contains(state);
    }

    /** {@code JOB_INDEX}, as Slurm names array tasks. */
    public String name() {
        return jobId + "_" + index;
    }

    TaskState withExitCode(String code) {
        return new TaskState(jobId, index, state, reason, code);
    }
}
