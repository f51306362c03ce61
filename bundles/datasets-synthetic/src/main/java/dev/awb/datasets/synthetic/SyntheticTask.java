package dev.awb.datasets.synthetic;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A task whose examples are drawn one at a time from a seeded random stream.
 *
 * <p>Each split has its own stream derived from the seed and the split, so the test set stays the same
 * when the training set grows, and the three splits never share a stream. Token id 0 is padding in every
 * synthetic task. Subclasses validate their parameters in {@link #spec} and write one example in
 * {@link #fill}; {@code fill} must draw only from the stream it is given.
 */
abstract class SyntheticTask implements SequenceDataset {
    /** Token id of padding. */
    static final int PAD = 0;

    /** {@code own} followed by the three split sizes every synthetic task takes. */
    static List<ParamSpec> withSplitSizes(ParamSpec... own) {
        List<ParamSpec> specs = new ArrayList<>(List.of(own));
        specs.add(ParamSpec.ofInt("train_size", 4000, "Training sequences").range(1, 1 << 24));
        specs.add(ParamSpec.ofInt("validation_size", 500, "Validation sequences (model selection)").range(1, 1 << 24));
        specs.add(ParamSpec.ofInt("test_size", 1000, "Test sequences (reported)").range(1, 1 << 24));
        return List.copyOf(specs);
    }

    @Override
    public TaskData generate(Params params, long seed) {
        TaskSpec spec = spec(params);
        return new TaskData(spec,
                split(params, spec, params.getInt("train_size"), streamSeed(seed, 1)),
                split(params, spec, params.getInt("validation_size"), streamSeed(seed, 2)),
                split(params, spec, params.getInt("test_size"), streamSeed(seed, 3)));
    }

    /**
     * Writes one example into {@code tokens} (all {@link #PAD} on entry, spec length) and {@code targets}
     * (all {@link Examples#IGNORE} on entry; spec length for per-position tasks, 1 for sequence tasks).
     *
     * @return the example's real length; positions from it on must stay padding
     */
    abstract int fill(Params params, TaskSpec spec, SplittableRandom random, int[] tokens, int[] targets);

    /** The seed of one split's stream; splits 1, 2, 3 are train, validation, test. */
    static long streamSeed(long seed, int split) {
        return new SplittableRandom(seed * 31 + split).nextLong();
    }

    private Examples split(Params params, TaskSpec spec, int size, long streamSeed) {
        SplittableRandom random = new SplittableRandom(streamSeed);
        int targetLength = spec.target() == TaskSpec.Target.TOKEN ? spec.length() : 1;
        int[][] tokens = new int[size][];
        int[][] targets = new int[size][];
        int[] lengths = new int[size];
        for (int n = 0; n < size; n++) {
            tokens[n] = new int[spec.length()];
            targets[n] = new int[targetLength];
            Arrays.fill(targets[n], Examples.IGNORE);
            lengths[n] = fill(params, spec, random, tokens[n], targets[n]);
        }
        return new Examples(tokens, lengths, targets);
    }

    /** {@code count} distinct ints from [0, bound) in random order, by a partial Fisher–Yates shuffle. */
    static int[] distinct(SplittableRandom random, int bound, int count) {
        int[] pool = new int[bound];
        for (int i = 0; i < bound; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(bound - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, count);
    }
}
