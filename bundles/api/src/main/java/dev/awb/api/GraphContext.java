package dev.awb.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph a trial is building, with its floating-point type and its seed.
 *
 * <p>Plugins add their operations to {@link #sd()} and create trainable weights through this context so
 * that every weight is reproducible: a weight's initial values depend only on the seed and the weight's
 * name, never on the order in which plugins happen to create weights.
 *
 * <p>The context also carries what a plugin needs from the training loop: extra objective terms computed from
 * the task loss ({@link #addLossTerm}) and a scalar that tells training steps from inference ({@link #training()}).
 * One context belongs to one graph; it is not thread-safe.
 */
public final class GraphContext {
    private final SameDiff sd;
    private final DataType dataType;
    private final long seed;
    private final List<LossTerm> lossTerms = new ArrayList<>();
    private SDVariable training;

    /**
     * @param sd the graph to add to
     * @param dataType the floating-point type of weights and activations ({@code FLOAT}, or {@code DOUBLE}
     *     for gradient checks)
     * @param seed the trial's seed
     */
    public GraphContext(SameDiff sd, DataType dataType, long seed) {
        this.sd = sd;
        this.dataType = dataType;
        this.seed = seed;
    }

    public SameDiff sd() {
        return sd;
    }

    public DataType dataType() {
        return dataType;
    }

    public long seed() {
        return seed;
    }

    /**
     * Registers an extra objective term computed from the task's per-example loss; the builder of the loss adds
     * it to what is differentiated (see {@link LossTerm}).
     */
    public void addLossTerm(LossTerm term) {
        lossTerms.add(java.util.Objects.requireNonNull(term, "term"));
    }

    /** The terms registered so far, in registration order. */
    public List<LossTerm> lossTerms() {
        return List.copyOf(lossTerms);
    }

    /**
     * A scalar constant of this context's type that is 1 while the graph runs a training step and 0 otherwise
     * (inference, evaluation, gradient calculation outside {@code fit}); created on first use.
     *
     * <p>SameDiff 1.0.0-M2.1 has no training mode of its own, so a listener registered on the graph flips this
     * value when a training operation starts and resets it when the step ends. Mechanisms use it to sample or
     * drop out only while training. A graph loaded from a file has no listener and stays in inference mode.
     */
    public SDVariable training() {
        if (training == null) {
            training = sd.constant("training", Nd4j.scalar(dataType, 0.0));
            sd.addListeners(new TrainingFlag(training.name()));
        }
        return training;
    }

    /**
     * A trainable weight drawn from the Glorot (Xavier) uniform distribution
     * (Glorot &amp; Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks").
     */
    public SDVariable glorot(String name, long fanIn, long fanOut, long... shape) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        SplittableRandom random = randomFor(name);
        double[] values = new double[(int) count(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() * 2 - 1) * limit;
        }
        return sd.var(name, array(values, shape));
    }

    /** A trainable weight filled with {@code value}, e.g. a bias (0) or a layer-norm gain (1). */
    public SDVariable filled(String name, double value, long... shape) {
        double[] values = new double[(int) count(shape)];
        Arrays.fill(values, value);
        return sd.var(name, array(values, shape));
    }

    /** A constant (not trained) of this context's data type. */
    public SDVariable constant(String name, double[] values, long... shape) {
        return sd.constant(name, array(values, shape));
    }

    /** A random stream that depends only on the seed and {@code name}. */
    public SplittableRandom randomFor(String name) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
    }

    private INDArray array(double[] values, long... shape) {
        return Nd4j.createFromArray(values).castTo(dataType).reshape(shape);
    }

    private static long count(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
