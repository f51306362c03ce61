package dev.awb.runtime.store;

/** One stored trial: identity, outcome and the resolved configuration it ran. */
public record TrialRecord(String id, int index, long seed, String attention, String status, String error,
        String config) {
}
