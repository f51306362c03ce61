package dev.awb.runtime.store;

/**
 * One stored measurement.
 *
 * @param trialId the trial it belongs to
 * @param split {@code train}, {@code validation}, {@code test}, or {@code cost} for what a trial cost
 *     ({@code train_tokens_per_s}, {@code inference_tokens_per_s}, {@code parameters},
 *     {@code peak_physical_bytes}, {@code wall_seconds})
 * @param name the metric's name as its plugin reports it
 * @param epoch the epoch after which it was measured, or null for the trial's final value
 * @param value the value (NaN where the metric was undefined)
 */
public record MetricRow(String trialId, String split, String name, Integer epoch, double value) {
    /** The metric's key as experiment files and reports name it: {@code split.name}, e.g. {@code test.accuracy}. */
    public String key() {
        return split + "." + name;
    }
}
