package dev.awb.testkit;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The smallest model using an attention mechanism: input placeholder {@code x} [batch, length, width],
 * optional padding mask placeholder {@code mask} [batch, length], optional signal placeholder {@code signal}
 * [batch, signal length, width] (fed with fixed random values), the mechanism, and a scalar loss
 * {@code sum(values ⊙ R)} with a fixed random R, so that every output element reaches the gradient.
 *
 * <p>The per-example loss (the sum over each example's positions) is handed to the loss terms the mechanism
 * registered ({@link GraphContext#addLossTerm}); their scalars become further loss variables, so gradients and
 * training see them while {@code loss} stays the fixture's own.
 */
public final class AttentionFixture {
    /** The sizes of one fixture. */
    public record Shape(int batch, int heads, int length, int width) {
    }

    /** ND4J's global generator is reset to this before every run, so mechanisms that sample repeat themselves. */
    static final long SAMPLING_SEED = 42;

    final SameDiff sd = SameDiff.create();
    final Shape shape;
    final AttentionOutput output;
    final DataType type;
    final boolean masked;
    final int signalLength;

    /** The name of the fixture's signal placeholder and source, [batch, signal length, width]. */
    static final String SIGNAL = "signal";

    AttentionFixture(AttentionMechanism mechanism, Params params, Shape shape, DataType type, boolean masked,
            boolean causal, long seed, int signalLength) {
        this.shape = shape;
        this.type = type;
        this.masked = masked;
        this.signalLength = signalLength;
        GraphContext context = new GraphContext(sd, type, seed);
        SDVariable x = sd.placeHolder("x", type, -1, shape.length(), shape.width());
        SDVariable mask = masked ? sd.placeHolder("mask", type, -1, shape.length()) : null;
        Map<String, SDVariable> signals = signalLength > 0
                ? Map.of(SIGNAL, sd.placeHolder(SIGNAL, type, -1, signalLength, shape.width()))
                : Map.of();
        output = mechanism.attend(context, new AttentionInputs("attn", x, x, x, mask, causal, shape.length(),
                shape.width(), true, signals), params);
        double[] r = new SplittableRandom(7).doubles((long) shape.batch() * shape.length() * shape.width(), -1, 1)
                .toArray();
        SDVariable weights = context.constant("r", r, shape.batch(), shape.length(), shape.width());
        SDVariable perExample = sd.sum(output.values().mul(weights), 1, 2);
        sd.sum("loss", perExample);
        List<String> losses = new java.util.ArrayList<>(List.of("loss"));
        for (var term : context.lossTerms()) {
            losses.add(term.term(perExample).name());
        }
        sd.setLossVariables(losses.toArray(String[]::new));
    }

    /** The placeholders a training step feeds, in order. */
    String[] features() {
        List<String> names = new java.util.ArrayList<>(List.of("x"));
        if (masked) {
            names.add("mask");
        }
        if (signalLength > 0) {
            names.add(SIGNAL);
        }
        return names.toArray(String[]::new);
    }

    /** Random input for this shape, reproducible from {@code seed}. */
    INDArray input(long seed) {
        double[] values = new SplittableRandom(seed)
                .doubles((long) shape.batch() * shape.length() * shape.width(), -1, 1).toArray();
        return Nd4j.createFromArray(values).castTo(type).reshape(shape.batch(), shape.length(), shape.width());
    }

    /** A padding mask whose last example has its last {@code padded} positions padded. */
    INDArray mask(int padded) {
        INDArray mask = Nd4j.ones(type, shape.batch(), shape.length());
        for (int t = shape.length() - padded; t < shape.length(); t++) {
            mask.putScalar(new long[] {shape.batch() - 1, t}, 0.0);
        }
        return mask;
    }

    Map<String, INDArray> feed(INDArray x, INDArray mask) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("x", x);
        if (masked) {
            feed.put("mask", mask);
        }
        if (signalLength > 0) {
            double[] values = new SplittableRandom(13)
                    .doubles((long) x.size(0) * signalLength * shape.width(), -1, 1).toArray();
            feed.put(SIGNAL, Nd4j.createFromArray(values).castTo(type).reshape(x.size(0), signalLength, shape.width()));
        }
        return feed;
    }

    INDArray values(Map<String, INDArray> feed) {
        Nd4j.getRandom().setSeed(SAMPLING_SEED);
        return sd.output(feed, output.values().name()).get(output.values().name());
    }

    INDArray weights(Map<String, INDArray> feed) {
        Nd4j.getRandom().setSeed(SAMPLING_SEED);
        return sd.output(feed, output.weights().name()).get(output.weights().name());
    }

    /**
     * The fixture's loss as a training step computes it: SameDiff runs gradient calculations as training
     * operations, so finite differences compared against {@link #gradients} must see the same regime (noise
     * drawn, samples taken) and, with the generator reset, the same draws.
     */
    double trainingLoss(Map<String, INDArray> feed) {
        Nd4j.getRandom().setSeed(SAMPLING_SEED);
        String any = trainable().get(0);
        return sd.calculateGradientsAndOutputs(feed, List.of("loss"), List.of(any)).getOutputs().get("loss").getDouble(0);
    }

    /** The gradients of every loss variable with respect to {@code names}, with the generator reset. */
    Map<String, INDArray> gradients(Map<String, INDArray> feed, List<String> names) {
        Nd4j.getRandom().setSeed(SAMPLING_SEED);
        return sd.calculateGradients(feed, names);
    }

    /** Central differences of the loss for every third element of each weight, by weight name. */
    Map<String, double[]> finiteDifferences(Map<String, INDArray> feed) {
        double eps = 1e-6;
        Map<String, double[]> numeric = new java.util.LinkedHashMap<>();
        for (String name : trainable()) {
            INDArray w = sd.getArrForVarName(name);
            double[] differences = new double[(int) ((w.length() + 2) / 3)];
            for (long i = 0; i < w.length(); i += 3) {
                double original = w.getDouble(i);
                w.putScalar(i, original + eps);
                double plus = trainingLoss(feed);
                w.putScalar(i, original - eps);
                double minus = trainingLoss(feed);
                w.putScalar(i, original);
                differences[(int) (i / 3)] = (plus - minus) / (2 * eps);
            }
            numeric.put(name, differences);
        }
        return numeric;
    }

    List<String> trainable() {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
    }
}
