package dev.awb.model.transformer;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Part;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionOutput;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.model.ModelArchitecture;
import dev.awb.api.model.ModelInputs;
import dev.awb.api.model.ModelOutput;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.pooling.PoolingInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * A Transformer encoder (Vaswani et al. 2017) whose attention, positional encoding and pooling are plugins (parts
 * taken from the model node's inputs): token embedding plus positional encodings, {@code layers} pre-norm blocks of
 * attention and feed-forward with residual connections, a final layer norm and a softmax head, per position or,
 * for sequence targets, after the pooling.
 *
 * <p>Layer norm comes before each sub-layer ("pre-LN", Xiong et al. 2020, "On Layer Normalization in the
 * Transformer Architecture"), which trains without a warm-up at the small sizes ablations use. Token
 * embedding is a one-hot matrix product: SameDiff's {@code gather} backward pass is orders of magnitude
 * slower.
 */
@Component(service = ModelArchitecture.class)
@Plugin(kind = ModelArchitecture.KIND, name = "transformer-encoder",
        summary = "Transformer encoder around the graph's attention node (Vaswani et al. 2017), pre-LN")
public class TransformerEncoder implements ModelArchitecture {

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt("layers", 2, "Number of encoder blocks").range(1, 64),
            ParamSpec.ofInt("d_model", 64, "Model width (embedding and residual stream)").range(2, 8192),
            ParamSpec.ofInt("ffn_multiplier", 4, "Feed-forward hidden width as a multiple of d_model").range(1, 16),
            ParamSpec.ofBoolean("causal", false, "Let each position attend only to itself and earlier positions"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public ModelOutput build(GraphContext context, ModelInputs in, Params params) {
        SameDiff sd = context.sd();
        TaskSpec task = in.task();
        int width = params.getInt("d_model");
        int length = task.length();

        SDVariable embedding = context.glorot("embedding", task.vocabSize(), width, task.vocabSize(), width);
        SDVariable x = embed(context, in, embedding, width);
        Map<String, SDVariable> signals = signals(context, in, embedding, x, width);
        List<SDVariable> maps = new ArrayList<>();
        for (int layer = 0; layer < params.getInt("layers"); layer++) {
            String scope = "block" + layer;
            SDVariable h = layerNorm(context, scope + "/ln1", x, width);
            // Weights are always asked for, also from mechanisms where they are implicit (linear attention): they
            // are graph nodes off the loss path, so SameDiff computes them only when an output names them (the
            // runtime's attention probe and maps), never in a training step.
            AttentionInputs attentionInputs = AttentionInputs.self(scope + "/attn", sd.reshape(h, -1, length, width),
                    in.paddingMask(), params.getBoolean("causal"), length, width).withSignals(signals).withWeights();
            AttentionOutput attended = in.attention().plugin().attend(context, attentionInputs, in.attention().params());
            if (attended.weights() != null) {
                maps.add(attended.weights());
            }
            x = x.add(sd.reshape(attended.values(), -1, width));
            x = x.add(feedForward(context, scope + "/ffn", layerNorm(context, scope + "/ln2", x, width), width,
                    width * params.getInt("ffn_multiplier")));
        }
        x = layerNorm(context, "final/ln", x, width);
        return new ModelOutput(head(context, in, x, width), maps);
    }

    /** One-hot tokens times the embedding matrix, plus the positional part's encodings; returns [batch·length, width]. */
    private static SDVariable embed(GraphContext context, ModelInputs in, SDVariable embedding, int width) {
        SameDiff sd = context.sd();
        int length = in.task().length();
        SDVariable tokens = embedTokens(context, in.tokens(), embedding, in.task().vocabSize(), length, width);
        SDVariable positions = in.positional().plugin().encode(context, "positions", length, width,
                in.positional().params());
        return sd.reshape(tokens.add(positions), -1, width);
    }

    /** Token ids [batch, n] → [batch, n, width] through the one-hot product with {@code embedding}. */
    private static SDVariable embedTokens(GraphContext context, SDVariable ids, SDVariable embedding, int vocab, int n,
            int width) {
        SameDiff sd = context.sd();
        SDVariable oneHot = sd.oneHot(ids, vocab, -1, 1.0, 0.0, context.dataType());
        return sd.reshape(sd.reshape(oneHot, -1, vocab).mmul(embedding), -1, n, width);
    }

    /**
     * The attention node's interaction signals, the same for every layer: the dataset's context embedded with the
     * token embedding (no positions: the context is a set of tokens, not a sequence aligned with the input), and
     * for each pooling node wired as a signal, that pooling of the embedded input {@code x} as one signal element.
     *
     * @throws PluginConfigurationException naming the attention node's inputs for a source this model cannot give
     */
    private static Map<String, SDVariable> signals(GraphContext context, ModelInputs in, SDVariable embedding,
            SDVariable x, int width) {
        Map<String, SDVariable> signals = new LinkedHashMap<>();
        int length = in.task().length();
        for (String source : in.attentionSignals()) {
            Part<Pooling> pooling = in.signalPoolings().get(source);
            if (pooling != null) {
                SDVariable pooled = pooling.plugin().pool(context, new PoolingInputs("signal/" + source,
                        context.sd().reshape(x, -1, length, width), in.paddingMask(), length, width), pooling.params())
                        .pooled();
                signals.put(source, context.sd().reshape(pooled, -1, 1, width));
                continue;
            }
            if (!ModelInputs.DATASET_CONTEXT.equals(source)) {
                throw new PluginConfigurationException(AttentionInputs.SIGNALS, "model/transformer-encoder cannot "
                        + "give the attention signal '" + source + "'; it gives " + ModelInputs.DATASET_CONTEXT
                        + " and the pooling nodes wired to the attention node, here " + in.signalPoolings().keySet());
            }
            if (in.context() == null) {
                throw new PluginConfigurationException(AttentionInputs.SIGNALS, "the attention node reads the dataset's "
                        + "context, but this dataset provides none");
            }
            signals.put(source, embedTokens(context, in.context(), embedding, in.task().vocabSize(),
                    in.task().contextLength(), width));
        }
        return signals;
    }

    /**
     * ND4J's fused layer norm: standardize, gain and bias written as three ops measured slower (issue 14: the
     * broadcast multiply's backward pass costs more than layer_norm_bp).
     */
    private static SDVariable layerNorm(GraphContext context, String name, SDVariable x, int width) {
        SDVariable gain = context.filled(name + "/gain", 1.0, width);
        SDVariable bias = context.filled(name + "/bias", 0.0, width);
        return context.sd().nn.layerNorm(x, gain, bias, false, 1);
    }

    private static SDVariable feedForward(GraphContext context, String scope, SDVariable x, int width, int hidden) {
        SDVariable w1 = context.glorot(scope + "/W1", width, hidden, width, hidden);
        SDVariable b1 = context.filled(scope + "/b1", 0.0, 1, hidden);
        SDVariable w2 = context.glorot(scope + "/W2", hidden, width, hidden, width);
        SDVariable b2 = context.filled(scope + "/b2", 0.0, 1, width);
        return context.sd().nn.relu(x.mmul(w1).add(b1), 0.0).mmul(w2).add(b2);
    }

    /** Class logits: per position for token targets, after the pooling part for sequence targets. */
    private static SDVariable head(GraphContext context, ModelInputs in, SDVariable x, int width) {
        SameDiff sd = context.sd();
        TaskSpec task = in.task();
        int classes = task.numClasses();
        SDVariable w = context.glorot("head/W", width, classes, width, classes);
        SDVariable b = context.filled("head/b", 0.0, 1, classes);
        if (task.target() == TaskSpec.Target.TOKEN) {
            return sd.reshape("logits", x.mmul(w).add(b), -1, task.length(), classes);
        }
        SDVariable pooled = in.pooling().plugin().pool(context, new PoolingInputs("head/pool",
                sd.reshape(x, -1, task.length(), width), in.paddingMask(), task.length(), width), in.pooling().params())
                .pooled();
        return pooled.mmul(w).add("logits", b);
    }
}
