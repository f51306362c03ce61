package dev.awb.datasets.synthetic;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Selective copying (Gu &amp; Dao 2023, "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
 * after the copying task of Arjovsky et al. 2016): a few data tokens scattered at random positions among
 * noise tokens, then a separator and one answer slot per data token; at the k-th answer slot the target
 * is the k-th data token in order of appearance. Solving it needs content-dependent selection, since the
 * data positions change from sequence to sequence.
 *
 * <p>Token ids: 0 padding, 1 noise, 2 separator, 3 answer slot, data tokens from 4 to {@code vocab - 1}.
 * Layout of a sequence of {@code length} tokens holding {@code tokens} data tokens:
 * {@code [context of length - tokens - 1][separator][answer x tokens]}. Targets are data token ids;
 * chance accuracy is 1 / (vocab - 4).
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "selective-copy",
        summary = "Selective copying (Gu & Dao 2023): copy the data tokens scattered among noise, in order")
public class SelectiveCopyDataset extends SyntheticTask {
    static final int NOISE = 1;
    static final int SEPARATOR = 2;
    static final int ANSWER = 3;
    private static final int SPECIAL = 4;

    private static final List<ParamSpec> PARAMS = withSplitSizes(
            ParamSpec.ofInt("vocab", 20, "Token ids in all: padding, noise, separator, answer slot, then data tokens")
                    .range(SPECIAL + 1, 1 << 20),
            ParamSpec.ofInt("tokens", 8, "Data tokens to copy per sequence").range(1, 1 << 16),
            ParamSpec.ofInt("length", 64, "Sequence length: context, separator and one answer slot per data token")
                    .range(3, 1 << 20));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        int tokens = params.getInt("tokens");
        int length = params.getInt("length");
        if (length < 2 * tokens + 1) {
            throw new PluginConfigurationException("length", "length must be at least 2 x tokens + 1 ("
                    + (2 * tokens + 1) + ") to hold the data tokens, the separator and the answer slots, found " + length);
        }
        int vocab = params.getInt("vocab");
        return new TaskSpec(vocab, vocab, length, TaskSpec.Target.TOKEN);
    }

    @Override
    int fill(Params params, TaskSpec spec, SplittableRandom random, int[] tokens, int[] targets) {
        int count = params.getInt("tokens");
        int context = spec.length() - count - 1;
        int[] positions = distinct(random, context, count);
        Arrays.sort(positions);
        Arrays.fill(tokens, 0, context, NOISE);
        tokens[context] = SEPARATOR;
        for (int k = 0; k < count; k++) {
            int data = SPECIAL + random.nextInt(spec.vocabSize() - SPECIAL);
            tokens[positions[k]] = data;
            tokens[context + 1 + k] = ANSWER;
            targets[context + 1 + k] = data;
        }
        return spec.length();
    }
}
