package dev.awb.runtime.store;

/**
 * An exclusive claim on one trial of a study: whoever holds its token may run the trial, and nobody else.
 *
 * <p>A claim is made by one conditional update ({@link ResultsStore#claim}) that succeeds only for a trial that
 * is pending, failed, interrupted, or running under an expired lease; its holder renews the lease while it runs
 * the trial ({@link ResultsStore#renew}). Writes made under a claim ({@link ResultsStore#recordMetrics(Claim,
 * java.util.List)}, {@link ResultsStore#finishTrial(Claim, java.util.List)}, ...) fail with {@link ClaimLost}
 * once another process has taken the trial over.
 *
 * @param studyId the study
 * @param trialId the trial
 * @param token the random token of this claim (a UUID), passed to the worker that runs the trial
 * @param owner who made the claim, {@code host:pid}, for messages
 */
public record Claim(String studyId, String trialId, String token, String owner) {
}
