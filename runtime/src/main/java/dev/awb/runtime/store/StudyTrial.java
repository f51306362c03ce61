package dev.awb.runtime.store;

/**
 * A trial together with the study it belongs to (one configuration hash can be a trial of several studies).
 *
 * @param studyId the study's id
 * @param trial the trial
 */
public record StudyTrial(String studyId, TrialRecord trial) {
}
