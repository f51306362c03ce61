package dev.awb.runtime.store;

/** One stored measurement with its trial's identity, as the report reads it. */
public record MetricRow(String trialId, int trialIndex, long seed, String attention, String trialStatus,
        String split, String name, Integer epoch, double value) {
}
