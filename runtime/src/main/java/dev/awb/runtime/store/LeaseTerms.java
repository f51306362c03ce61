package dev.awb.runtime.store;

import java.time.Duration;

/**
 * How long a trial's claim lasts without news from its owner: the owner renews its lease every
 * {@code heartbeat}, and a lease not renewed for {@code grace} has expired (its owner is gone; the trial can be
 * claimed again).
 *
 * <p>Defaults: a heartbeat every 10 s and a grace of 60 s (six missed heartbeats: a SQLite writer can wait 10 s
 * for the lock, and a loaded machine can stall a JVM for seconds). System properties {@code awb.heartbeat-ms} and
 * {@code awb.lease-ms} change them (tests use short ones); the lease is compared with the clock of the process
 * that claims, so machines sharing a PostgreSQL store need clocks that agree to well within the grace.
 *
 * @param heartbeat how often an owner renews its lease
 * @param grace how long a lease lasts after a renewal
 */
public record LeaseTerms(Duration heartbeat, Duration grace) {
    /** The system property of the heartbeat interval in milliseconds. */
    public static final String HEARTBEAT_PROPERTY = "awb.heartbeat-ms";
    /** The system property of the grace in milliseconds. */
    public static final String GRACE_PROPERTY = "awb.lease-ms";

    public LeaseTerms {
        if (heartbeat.isNegative() || heartbeat.isZero() || grace.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("a lease needs a positive heartbeat shorter than its grace, found"
                    + " heartbeat " + heartbeat.toMillis() + " ms and grace " + grace.toMillis() + " ms");
        }
    }

    /** The terms this process runs with: the system properties, else the defaults (10 s, 60 s). */
    public static LeaseTerms configured() {
        long heartbeat = Long.getLong(HEARTBEAT_PROPERTY, 10_000L);
        long grace = Long.getLong(GRACE_PROPERTY, Math.max(60_000L, 3 * heartbeat));
        return new LeaseTerms(Duration.ofMillis(heartbeat), Duration.ofMillis(grace));
    }
}
