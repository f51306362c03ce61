package dev.awb.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a study as the store knows it: identity, sweep labels, resolved configuration and outcome.
 *
 * @param id the hash of the trial's resolved configuration and plugin versions
 * @param index 1-based position in the study's current plan; 0 for a trial of an earlier plan (kept with its
 *     metrics, left out of reports and status counts)
 * @param seed the replicate seed
 * @param labels JSON object of the trial's sweep coordinates, axis name to value, e.g.
 *     {@code {"variant":"soft","optimizer.with.lr":"0.001"}}; seeds are never among them
 * @param config the canonical JSON of the resolved configuration
 * @param status the {@link TrialStatus} as stored: {@code pending}, {@code running}, {@code finished},
 *     {@code diverged} (NaN/inf training loss; final), {@code failed} or {@code interrupted} (its run was stopped:
 *     Ctrl-C, SIGTERM; resumable, not final)
 * @param error the error of a failed trial, else null
 * @param attempts how many times a worker started it
 * @param worker who runs or ran it last ({@code host:pid}): its worker, or the driver that claimed it until its
 *     worker takes the claim over
 * @param started when the last attempt started, or null
 * @param finished when it finished or failed, or null
 * @param heartbeat when the owner of a claim on it last renewed its lease, or null
 * @param leaseExpires when that lease expires (a {@code running} trial whose lease expired is stale: its owner is
 *     gone), or null
 */
public record TrialRecord(String id, int index, long seed, String labels, String config, String status,
        String error, int attempts, String worker, String started, String finished, Instant heartbeat,
        Instant leaseExpires) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trial not yet started. */
    public static TrialRecord planned(String id, int index, long seed, String labels, String config) {
        return new TrialRecord(id, index, seed, labels, config, TrialStatus.PENDING.text(), null, 0, null, null, null, null, null);
    }

    /** The sweep labels as an ordered map of strings. */
    public Map<String, String> labelMap() {
        try {
            Map<String, Object> raw = JSON.readValue(labels, new TypeReference<LinkedHashMap<String, Object>>() { });
            Map<String, String> map = new LinkedHashMap<>();
            raw.forEach((k, v) -> map.put(k, String.valueOf(v)));
            return map;
        } catch (JsonProcessingException e) {
            throw new StoreException("trial " + id + " has malformed labels: " + labels, e);
        }
    }

    /** The sweep labels as people read them, {@code axis=value} separated by spaces; {@code -} when there are none. */
    public String labelsText() {
        String text = labelMap().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(" "));
        return text.isEmpty() ? "-" : text;
    }

    /** The status as the enum ({@link #status()} is its stored text). */
    public TrialStatus trialStatus() {
        return TrialStatus.of(status);
    }

    public boolean isFinished() {
        return TrialStatus.FINISHED.is(status);
    }

    /** Whether nothing is left to run: finished, or diverged (which the same seed would do again). */
    public boolean isDone() {
        return isFinished() || TrialStatus.DIVERGED.is(status);
    }

    /**
     * Whether this is a {@code running} trial whose owner is gone: its lease expired at {@code now} (or it has
     * none, as running rows of stores before claims). The next {@code awb run} takes it over.
     */
    public boolean isStale(Instant now) {
        return TrialStatus.RUNNING.is(status) && (leaseExpires == null || leaseExpires.isBefore(now));
    }

    /**
     * The status as people should read it at {@code now}: a stale running trial shows as
     * {@code running (stale: no heartbeat since TIME)}.
     */
    public String statusAt(Instant now) {
        if (!isStale(now)) {
            return status;
        }
        return "running (stale: no heartbeat since " + (heartbeat != null ? heartbeat.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS) : started != null ? started : "it started") + ")";
    }
}
