package dev.awb.runtime.study;

import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of the trial claims this process holds: a daemon thread that renews each claim's lease every
 * {@link LeaseTerms#heartbeat()} on a store connection of its own, so that a long database write of the training
 * thread never delays it. A claim that could not be renewed (another process took the trial over after its lease
 * expired, or it was released) is remembered as lost; the writes made under it fail on their own
 * ({@link dev.awb.runtime.store.ClaimLost}).
 *
 * <p>A driver beats for the trials its worker processes run (from the claim until the worker exits, so a slow
 * worker start-up never lets a lease expire), and each worker for its own trial (so a worker left behind by a
 * killed driver keeps its trial). Both renewing one claim does no harm.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ResultsStore store;
    private final LeaseTerms terms;
    private final Set<Claim> claims = ConcurrentHashMap.newKeySet();
    private final Set<Claim> lost = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    private Heartbeat(ResultsStore store, LeaseTerms terms) {
        this.store = store;
        this.terms = terms;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "awb-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = terms.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts beating, on a new connection to the store at {@code url}, with {@code terms}. */
    public static Heartbeat start(String url, LeaseTerms terms) {
        return new Heartbeat(ResultsStore.open(url), terms);
    }

    /** The lease terms the claims are renewed under. */
    public LeaseTerms terms() {
        return terms;
    }

    /** Renews {@code claim} from now on, until {@link #remove}d. */
    public void add(Claim claim) {
        claims.add(claim);
    }

    /** Stops renewing {@code claim}. */
    public void remove(Claim claim) {
        claims.remove(claim);
    }

    /** Whether a renewal of {@code claim} found that it is no longer held. */
    public boolean lost(Claim claim) {
        return lost.contains(claim);
    }

    /**
     * Stops renewing {@code claim} and gives it back as {@code interrupted} with {@code reason} (no-op when it is
     * not held any more); safe to call from a shutdown hook while the owner's other threads still run.
     */
    public void interrupt(Claim claim, String reason) {
        claims.remove(claim);
        synchronized (store) {
            try {
                store.interrupt(claim, reason);
            } catch (StoreException e) {
                LOG.warn("cannot mark trial {} interrupted: {}", claim.trialId(), e.getMessage());
            }
        }
    }

    private void beat() {
        for (Claim claim : claims) {
            synchronized (store) {
                try {
                    if (!store.renew(claim, terms)) {
                        claims.remove(claim);
                        lost.add(claim);
                    }
                } catch (StoreException e) {
                    // A busy or unreachable store: the lease's grace covers several missed beats; try again.
                    LOG.warn("cannot renew the lease of trial {}: {}", claim.trialId(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (store) {
            store.close();
        }
    }
}
