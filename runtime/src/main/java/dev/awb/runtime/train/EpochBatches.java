package dev.awb.runtime.train;

import java.util.Iterator;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The minibatches of one epoch (or any run of steps) in a fixed order, as SameDiff's {@code fit} asks for them.
 *
 * <p>One {@code fit} call per epoch rather than per step matters in SameDiff 1.0.0-M2.1: every call creates a new
 * training session whose array cache starts empty, so each step allocated every intermediate array afresh (about
 * as much time as the ops themselves, measured with {@link OpProfile}) and left the previous step's cache to the
 * garbage collector, which is what made resident memory grow to gigabytes. Within one call the session reuses its
 * arrays from step to step. Not resettable, single pass, not thread-safe.
 */
public final class EpochBatches implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient Iterator<? extends MultiDataSet> batches;

    public EpochBatches(Iterator<? extends MultiDataSet> batches) {
        this.batches = batches;
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public MultiDataSet next() {
        return batches.next();
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("minibatches have the trainer's size");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are fed as built");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        // Batches are cheap to build; a prefetch thread would only compete with the ops for the cores.
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one pass per epoch");
    }
}
