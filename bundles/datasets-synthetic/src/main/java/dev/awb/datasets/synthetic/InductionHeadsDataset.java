package dev.awb.datasets.synthetic;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * The induction-head task, associative recall in noise (Olsson et al. 2022, "In-context Learning and
 * Induction Heads"; as set up by Fu et al. 2023, "Hungry Hungry Hippos"): a sequence of random noise
 * tokens holds one trigger token followed by an answer token; the sequence ends with the trigger again,
 * and the target at that last position is the token that followed the first trigger ("[A][B] ... [A] →
 * [B]").
 *
 * <p>Token ids: 0 padding, 1 the trigger, noise and answers from 2 to {@code vocab - 1}; noise never
 * contains the trigger, so every sequence has exactly one answer. The first trigger sits at least
 * {@code min_gap} positions before the final one, which makes the recall long-range on demand. One
 * target per sequence, at the last position; chance accuracy is 1 / (vocab - 2).
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "induction-heads",
        summary = "Induction heads / associative recall in noise (Olsson et al. 2022; Fu et al. 2023)")
public class InductionHeadsDataset extends SyntheticTask {
    static final int TRIGGER = 1;
    private static final int SPECIAL = 2;

    private static final List<ParamSpec> PARAMS = withSplitSizes(
            ParamSpec.ofInt("vocab", 20, "Token ids in all: padding, the trigger, then noise and answer tokens")
                    .range(SPECIAL + 2, 1 << 20),
            ParamSpec.ofInt("length", 64, "Sequence length, the final trigger included").range(3, 1 << 20),
            ParamSpec.ofInt("min_gap", 2, "Least distance from the first trigger to the final one").range(2, 1 << 20));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        int length = params.getInt("length");
        int gap = params.getInt("min_gap");
        if (gap > length - 1) {
            throw new PluginConfigurationException("min_gap", "min_gap must be at most length - 1 ("
                    + (length - 1) + "), found " + gap);
        }
        int vocab = params.getInt("vocab");
        return new TaskSpec(vocab, vocab, length, TaskSpec.Target.TOKEN);
    }

    @Override
    int fill(Params params, TaskSpec spec, SplittableRandom random, int[] tokens, int[] targets) {
        int last = spec.length() - 1;
        for (int t = 0; t < last; t++) {
            tokens[t] = noise(spec, random);
        }
        // the first trigger may sit anywhere in [0, last - min_gap]; its answer follows it
        int trigger = random.nextInt(last - params.getInt("min_gap") + 1);
        int answer = noise(spec, random);
        tokens[trigger] = TRIGGER;
        tokens[trigger + 1] = answer;
        tokens[last] = TRIGGER;
        targets[last] = answer;
        return spec.length();
    }

    private static int noise(TaskSpec spec, SplittableRandom random) {
        return SPECIAL + random.nextInt(spec.vocabSize() - SPECIAL);
    }
}
