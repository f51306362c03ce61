package dev.awb.dataset.mqar;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Multi-query associative recall (MQAR; Arora et al. 2023, "Zoology: Measuring and Improving Recall in
 * Efficient Language Models"): a sequence of key–value pairs, then queries of keys seen earlier; at each
 * query position the target is the value that was paired with that key.
 *
 * <p>Token ids: 0 is padding, 1 a blank filler between the pairs and the queries (when {@code length} leaves
 * room), keys take the first half of the remaining ids and values the second half. Keys within one
 * sequence are distinct, so every query has exactly one answer; chance accuracy is 1 / number of values.
 * Each split is drawn from its own stream derived from the seed, so the test set does not change when
 * the training set grows.
 *
 * <p>Query placement ({@code spacing}): {@code end} puts the queries right at the end of the sequence, after
 * the blank filler. {@code power_law} scatters them over the region after the pairs as Zoology does: the
 * region is cut into slots of two tokens, and query slots are drawn without replacement with probability
 * proportional to {@code a·k^(a-1)} for slot k = 1, 2, ... ({@code a = power_a}); small {@code a} puts most
 * queries soon after the pairs, larger {@code a} spreads them towards the end (longer recall distances).
 *
 * <p>Context: every example carries the keys it asks about, in query order (the same ids as the query tokens,
 * {@code queries} of them), as {@link Examples#context()}. An interactive attention node that lists the dataset
 * under {@code inputs:} conditions on them; other mechanisms ignore the context.
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "mqar",
        summary = "Multi-query associative recall (Arora et al. 2023), generated from the seed")
public class MqarDataset implements SequenceDataset {
    static final int PAD = 0;
    static final int BLANK = 1;
    private static final int SPECIAL = 2;

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt("vocab", 64, "Token ids in all: padding, blank, then keys and values half each")
                    .range(6, 1 << 20),
            ParamSpec.ofInt("pairs", 8, "Key-value pairs per sequence").range(1, 1 << 16),
            ParamSpec.ofInt("queries", 8, "Queries per sequence, each asking for the value of an earlier key")
                    .range(1, 1 << 16),
            ParamSpec.ofInt("length", 0, "Sequence length; 0 means the least that fits (2 x pairs + queries, or"
                    + " 2 x (pairs + queries) for power_law spacing), larger pads with blanks").range(0, 1 << 20),
            ParamSpec.ofChoice("spacing", "end", "Where queries go: all at the end, or in slots after the pairs drawn"
                    + " from a power law (Arora et al. 2023)", "end", "power_law"),
            ParamSpec.ofDouble("power_a", 0.01, "Exponent a of the power law over query slots, p(k) ~ a k^(a-1)")
                    .range(1e-6, 1.0),
            ParamSpec.ofInt("train_size", 4000, "Training sequences").range(1, 1 << 24),
            ParamSpec.ofInt("validation_size", 500, "Validation sequences (model selection)").range(1, 1 << 24),
            ParamSpec.ofInt("test_size", 1000, "Test sequences (reported)").range(1, 1 << 24));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        Layout layout = Layout.of(params);
        return new TaskSpec(layout.vocab, layout.vocab, layout.length, TaskSpec.Target.TOKEN, layout.queries);
    }

    @Override
    public TaskData generate(Params params, long seed) {
        Layout layout = Layout.of(params);
        return new TaskData(spec(params),
                split(layout, params.getInt("train_size"), new SplittableRandom(streamSeed(seed, 1))),
                split(layout, params.getInt("validation_size"), new SplittableRandom(streamSeed(seed, 2))),
                split(layout, params.getInt("test_size"), new SplittableRandom(streamSeed(seed, 3))));
    }

    private static long streamSeed(long seed, int split) {
        return new SplittableRandom(seed * 31 + split).nextLong();
    }

    private static Examples split(Layout layout, int size, SplittableRandom random) {
        int[][] tokens = new int[size][];
        int[][] targets = new int[size][];
        int[][] context = new int[size][];
        int[] lengths = new int[size];
        int start = layout.length - layout.queries;
        for (int n = 0; n < size; n++) {
            tokens[n] = new int[layout.length];
            targets[n] = new int[layout.length];
            lengths[n] = layout.length;
            fill(layout, random, tokens[n], targets[n]);
            context[n] = Arrays.copyOfRange(tokens[n], start, layout.length);
        }
        return new Examples(tokens, lengths, targets, context);
    }

    private static void fill(Layout layout, SplittableRandom random, int[] tokens, int[] targets) {
        Arrays.fill(tokens, BLANK);
        Arrays.fill(targets, Examples.IGNORE);
        int[] keys = distinct(random, layout.keys, layout.pairs);
        int[] values = new int[layout.pairs];
        for (int i = 0; i < layout.pairs; i++) {
            values[i] = random.nextInt(layout.keys);
            tokens[2 * i] = SPECIAL + keys[i];
            tokens[2 * i + 1] = SPECIAL + layout.keys + values[i];
        }
        int[] asked = layout.queries <= layout.pairs
                ? distinct(random, layout.pairs, layout.queries)
                : random.ints(layout.queries, 0, layout.pairs).toArray();
        int[] positions = queryPositions(layout, random);
        for (int q = 0; q < layout.queries; q++) {
            tokens[positions[q]] = SPECIAL + keys[asked[q]];
            targets[positions[q]] = SPECIAL + layout.keys + values[asked[q]];
        }
    }

    /** Where the queries sit, in the order they are asked. */
    private static int[] queryPositions(Layout layout, SplittableRandom random) {
        int[] positions = new int[layout.queries];
        if (!layout.powerLaw) {
            int start = layout.length - layout.queries;
            for (int q = 0; q < layout.queries; q++) {
                positions[q] = start + q;
            }
            return positions;
        }
        int context = 2 * layout.pairs;
        double[] weights = new double[(layout.length - context) / 2];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = layout.powerA * Math.pow(k + 1, layout.powerA - 1);
        }
        for (int q = 0; q < layout.queries; q++) {
            positions[q] = context + 2 * drawWithoutReplacement(weights, random);
        }
        return positions;
    }

    /** An index drawn with probability proportional to its weight, whose weight is then set to 0. */
    static int drawWithoutReplacement(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        int last = -1;
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] > 0) {
                last = k;
                u -= weights[k];
                if (u < 0) {
                    break;
                }
            }
        }
        weights[last] = 0;
        return last;
    }

    /** {@code count} distinct ints from [0, bound), by a partial Fisher–Yates shuffle. */
    private static int[] distinct(SplittableRandom random, int bound, int count) {
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

    /** The validated sizes of one configuration. */
    private record Layout(int vocab, int keys, int pairs, int queries, int length, boolean powerLaw, double powerA) {
        static Layout of(Params params) {
            int vocab = params.getInt("vocab");
            int keys = (vocab - SPECIAL) / 2;
            int pairs = params.getInt("pairs");
            int queries = params.getInt("queries");
            boolean powerLaw = "power_law".equals(params.getString("spacing"));
            int minimum = powerLaw ? 2 * (pairs + queries) : 2 * pairs + queries;
            int length = params.getInt("length") == 0 ? minimum : params.getInt("length");
            if (pairs > keys) {
                throw new PluginConfigurationException("pairs", "pairs must not exceed the number of keys ("
                        + keys + " for vocab " + vocab + "), found " + pairs);
            }
            if (length < minimum) {
                throw new PluginConfigurationException("length", "length must be at least "
                        + (powerLaw ? "2 x (pairs + queries) for power_law spacing (" : "2 x pairs + queries (")
                        + minimum + "), found " + length);
            }
            if (powerLaw && queries > pairs) {
                throw new PluginConfigurationException("queries", "queries must not exceed pairs (" + pairs
                        + ") for power_law spacing, which asks each key at most once, found " + queries);
            }
            return new Layout(vocab, keys, pairs, queries, length, powerLaw, params.getDouble("power_a"));
        }
    }
}
