package dev.awb.datasets.synthetic;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.TaskSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A per-position task whose targets are a rearrangement of the input: a random string of symbols, and at
 * each position the symbol the rearranged string has there. Lengths are drawn uniformly from
 * [{@code min_length}, {@code length}], so shorter strings exercise padding.
 *
 * <p>Token ids: 0 padding, symbols from 1 to {@code vocab - 1}; targets are symbol ids.
 */
abstract class RearrangementTask extends SyntheticTask {
    private static final List<ParamSpec> PARAMS = withSplitSizes(
            ParamSpec.ofInt("vocab", 16, "Token ids in all: padding, then the symbols").range(2, 1 << 20),
            ParamSpec.ofInt("length", 32, "Longest string (the padded sequence length)").range(1, 1 << 20),
            ParamSpec.ofInt("min_length", 0, "Shortest string; 0 means every string has the full length")
                    .range(0, 1 << 20));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        int length = params.getInt("length");
        int shortest = params.getInt("min_length");
        if (shortest > length) {
            throw new PluginConfigurationException("min_length", "min_length must be at most length ("
                    + length + "), found " + shortest);
        }
        int vocab = params.getInt("vocab");
        return new TaskSpec(vocab, vocab, length, TaskSpec.Target.TOKEN);
    }

    @Override
    int fill(Params params, TaskSpec spec, SplittableRandom random, int[] tokens, int[] targets) {
        int shortest = params.getInt("min_length") == 0 ? spec.length() : params.getInt("min_length");
        int length = shortest + random.nextInt(spec.length() - shortest + 1);
        int[] symbols = new int[length];
        for (int t = 0; t < length; t++) {
            symbols[t] = 1 + random.nextInt(spec.vocabSize() - 1);
        }
        System.arraycopy(symbols, 0, tokens, 0, length);
        System.arraycopy(rearranged(symbols), 0, targets, 0, length);
        return length;
    }

    /** The target string for {@code symbols}; a new array of the same length. */
    abstract int[] rearranged(int[] symbols);
}
