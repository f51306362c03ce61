package dev.awb.runtime.store;

/**
 * What the store keeps about a study: enough to trace every result back to its file and code.
 *
 * @param id the study's id: the experiment's name, or the name with a suffix for a {@code --fresh} study
 * @param experiment the experiment's name
 * @param file the experiment file's absolute path when the study was started
 * @param dir the study directory (copies of the file, per-trial logs, checkpoints, attention maps, reports)
 * @param spec the study's comparison settings as JSON: {@code compare}, {@code baseline}, {@code metrics},
 *     {@code axes} (sweep axis names), {@code budget} (tuned axis names), {@code select} (selection metric)
 * @param revision the code revision the distribution was built from
 * @param awbVersion the distribution's version
 * @param created when the study was created (ISO-8601)
 */
public record StudyRecord(String id, String experiment, String file, String dir, String spec, String revision,
        String awbVersion, String created) {
}
