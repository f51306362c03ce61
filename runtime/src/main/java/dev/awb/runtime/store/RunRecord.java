package dev.awb.runtime.store;

/**
 * What the store keeps about a run: enough to trace every result back to its file and code.
 *
 * @param id unique run id (the run directory's timestamp name plus the experiment)
 * @param experiment the experiment's name
 * @param file the experiment file's absolute path
 * @param runDir where the run's report and resolved configuration are written
 * @param revision the code revision the distribution was built from
 * @param awbVersion the distribution's version
 */
public record RunRecord(String id, String experiment, String file, String runDir, String revision, String awbVersion) {
}
