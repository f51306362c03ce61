package dev.awb.attention.interactive;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.attention.AttentionOutput;
import dev.awb.api.support.attention.Heads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Interactive attention: multi-head softmax attention whose scores are biased by a learned function of external
 * interaction signals, softmax(QKᵀ/√d + η(E, Y)), in the spirit of context- and aspect-conditioned attention
 * (e.g. Wang et al. 2016, "Attention-based LSTM for Aspect-level Sentiment Classification"; Ma et al. 2017,
 * "Interactive Attention Networks for Aspect-Level Sentiment Classification").
 *
 * <p>Each signal Eₛ ([batch, S, width]: the dataset's context, such as the keys an MQAR example asks about, or
 * another node's output) adds, per head, a bias to every key j that measures how well key j matches any element of
 * the signal: ηₛ[j] = log((1/S)·Σₑ exp(⟨W_k x_j, W_e eₑ⟩/√d_h)), a soft maximum of bilinear affinities that is 0
 * when the affinities are 0. Biases of several signals add up. The bias depends on the key and the example, not on
 * the query position; queries choose among keys as in soft attention. With η's projections at zero the mechanism is
 * exactly {@code attention/soft} with the same weights.
 *
 * <p>It refuses to build without a signal rather than silently acting as soft attention: wire one under the
 * attention node's {@code inputs:}.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "interactive",
        summary = "Softmax attention biased by a learned function of an interaction signal: softmax(QKᵀ/√d + η(E, Y))")
public class InteractiveAttention implements AttentionMechanism {

    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM);

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        if (in.signals().isEmpty()) {
            throw new PluginConfigurationException(AttentionInputs.SIGNALS, "attention/interactive needs an "
                    + "interaction signal and none is wired: list its source under the attention node's 'inputs:', "
                    + "e.g. the dataset node for the dataset's context (inputs: [data])");
        }
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        int headWidth = in.width() / heads;
        SDVariable logits = Heads.scaledDotProduct(sd, qkv, headWidth);
        for (Map.Entry<String, SDVariable> signal : new TreeMap<>(in.signals()).entrySet()) {
            logits = logits.add(bias(context, in, signal.getKey(), signal.getValue(), heads, headWidth));
        }
        logits = Heads.maskLogits(context, in, logits);
        SDVariable weights = sd.nn.softmax(in.scope() + "/weights", logits, -1);
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }

    /** ηₛ for one signal, [batch, heads, 1, length]: the scaled log-mean-exp over signal elements of key affinities. */
    private static SDVariable bias(GraphContext context, AttentionInputs in, String name, SDVariable signal, int heads,
            int headWidth) {
        SameDiff sd = context.sd();
        String scope = in.scope() + "/eta/" + name;
        SDVariable keys = Heads.split(sd, Heads.project(context, scope + "/k", in.key(), in.width()), in.length(), heads,
                headWidth);                                                              // [B, H, T, dh]
        // The signal's length is read from its runtime shape: a model may build signals whose static shape
        // SameDiff does not infer.
        SDVariable batchAndLength = sd.slice(sd.shape(signal), new int[] {0}, new int[] {2});
        SDVariable split = sd.concat(0, batchAndLength, sd.constant(scope + "/heads",
                org.nd4j.linalg.factory.Nd4j.createFromArray((long) heads, (long) headWidth)));
        SDVariable elements = sd.permute(sd.reshape(Heads.project(context, scope + "/e", signal, in.width()), split),
                0, 2, 1, 3);                                                             // [B, H, S, dh]
        SDVariable logLength = sd.math.log(sd.castTo(sd.sizeAt(signal, 1), signal.dataType()));
        SDVariable affinity = sd.mmul(keys, elements, false, true, false).mul(1.0 / Math.sqrt(headWidth)); // [B, H, T, S]
        SDVariable max = sd.max(affinity, true, 3);
        SDVariable logMeanExp = sd.math.log(sd.sum(sd.math.exp(affinity.sub(max)), true, 3)).add(max)
                .sub(logLength);                                                         // [B, H, T, 1]
        return sd.permute(logMeanExp, 0, 1, 3, 2);
    }
}
