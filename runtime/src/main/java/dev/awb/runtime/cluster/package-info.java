/**
 * Launchers beyond one machine: a study's unfinished trials as one Slurm array job, and the study's state
 * merged from the results store and the Slurm controller.
 *
 * <p>The store stays the record of what finished; Slurm only tells what is queued, running, or ended
 * without a result. Each array task runs one trial with the hidden {@code awb worker} command.
 */
package dev.awb.runtime.cluster;
