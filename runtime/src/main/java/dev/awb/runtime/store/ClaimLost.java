package dev.awb.runtime.store;

/**
 * Thrown by a write made under a {@link Claim} that is no longer held: its lease expired and another process
 * claimed the trial, or the claim was released (the trial was interrupted). The writer must stop running the
 * trial; nothing of the write was stored.
 */
public final class ClaimLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClaimLost(Claim claim) {
        super("trial " + claim.trialId() + " of study " + claim.studyId() + " is no longer claimed by "
                + claim.owner() + " (claim " + claim.token() + "): its lease expired and another process took it"
                + " over, or it was interrupted; not writing");
    }
}
