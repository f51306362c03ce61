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
 * ListOps (Nangia &amp; Bowman 2018) in the long form of the Long Range Arena (Tay et al. 2021, "Long Range
 * Arena: A Benchmark for Efficient Transformers"): classify a nested expression of MAX, MIN, MED and SM
 * (sum modulo 10) over digits by its value, ten classes. Solving it needs hierarchical, long-range
 * structure; LRA uses lengths of 500 to 2000 tokens.
 *
 * <p>Trees are drawn as LRA draws them (see {@link ListOpsExpression#draw}) and kept only when their length
 * falls in [{@code min_length}, {@code max_length}] (rejection sampling, as LRA). The sequence length is
 * {@code max_length}; shorter expressions are padded. Token ids are those of {@link ListOpsExpression},
 * 16 in all; one target per sequence. Label frequencies are not balanced (MAX skews high, MIN low).
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "listops",
        summary = "ListOps (Nangia & Bowman 2018), LRA-style long nested MAX/MIN/MED/SM expressions, 10 classes")
public class ListOpsDataset extends SyntheticTask {
    /** Draws after which an example is given up on: the parameters make acceptable trees too rare. */
    static final int MAX_ATTEMPTS = 1_000_000;

    private static final List<ParamSpec> PARAMS = withSplitSizes(
            ParamSpec.ofInt("max_length", 2000, "Longest expression in tokens, also the padded sequence length")
                    .range(1, 1 << 16),
            ParamSpec.ofInt("min_length", 500, "Shortest expression in tokens (shorter draws are rejected)")
                    .range(1, 1 << 16),
            ParamSpec.ofInt("max_depth", 10, "Deepest nesting; nodes at this depth are digits").range(1, 64),
            ParamSpec.ofInt("max_args", 10, "Most arguments of one operator (at least 2)").range(2, 64),
            ParamSpec.ofDouble("operator_probability", 0.25,
                    "Probability that a node above max_depth is an operator rather than a digit (LRA: 0.25)")
                    .range(0.0, 1.0));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        int longest = params.getInt("max_length");
        int shortest = params.getInt("min_length");
        if (shortest > longest) {
            throw new PluginConfigurationException("min_length", "min_length must be at most max_length ("
                    + longest + "), found " + shortest);
        }
        if (shortest > 1 && (params.getDouble("operator_probability") == 0 || params.getInt("max_depth") == 1)) {
            throw new PluginConfigurationException("min_length", "min_length above 1 needs operators, but "
                    + "operator_probability is " + params.getDouble("operator_probability") + " and max_depth is "
                    + params.getInt("max_depth"));
        }
        return new TaskSpec(ListOpsExpression.VOCAB, 10, longest, TaskSpec.Target.SEQUENCE);
    }

    @Override
    int fill(Params params, TaskSpec spec, SplittableRandom random, int[] tokens, int[] targets) {
        int shortest = params.getInt("min_length");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ListOpsExpression expression = ListOpsExpression.draw(random, params.getInt("max_depth"),
                    params.getInt("max_args"), params.getDouble("operator_probability"), spec.length());
            if (expression != null && expression.tokens().length >= shortest) {
                System.arraycopy(expression.tokens(), 0, tokens, 0, expression.tokens().length);
                targets[0] = expression.value();
                return expression.tokens().length;
            }
        }
        throw new PluginConfigurationException("min_length", "no expression of " + shortest + " to "
                + spec.length() + " tokens in " + MAX_ATTEMPTS + " draws; lower min_length or raise max_depth, "
                + "max_args or operator_probability");
    }
}
