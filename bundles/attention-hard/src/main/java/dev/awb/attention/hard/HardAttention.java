package dev.awb.attention.hard;

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
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;

/**
 * Hard attention: each query attends to exactly one key, the argmax of its scaled dot-product scores (multi-head,
 * projections as in Vaswani et al. 2017), so the forward weights are one-hot. The argmax has no useful gradient;
 * the {@code estimator} parameter picks how the scores are trained:
 *
 * <ul>
 *   <li>{@code straight-through} (default): forward one-hot, backward the gradient of softmax(scores), as if the
 *       one-hot were the softmax (Bengio, Léonard &amp; Courville 2013, "Estimating or Propagating Gradients
 *       Through Stochastic Neurons"); built as onehot + p − stopgrad(p).</li>
 *   <li>{@code gumbel}: Gumbel-softmax (Jang, Gu &amp; Poole 2017, "Categorical Reparameterization with
 *       Gumbel-Softmax"): while training, scores are perturbed by Gumbel noise and relaxed to
 *       softmax((scores + g)/{@code temperature}); {@code sample: hard} takes the one-hot argmax of the perturbed
 *       scores forward with that relaxed gradient (straight-through Gumbel), {@code sample: soft} uses the
 *       relaxed weights themselves (then the forward is not one-hot while training).</li>
 *   <li>{@code reinforce}: the score-function estimator (Williams 1992, "Simple Statistical Gradient-Following
 *       Algorithms for Connectionist Reinforcement Learning"): while training, keys are sampled from
 *       softmax(scores) (by the Gumbel-max trick); the scores get the gradient of
 *       mean_b[(L_b − baseline)·Σ log p(sampled keys of b)], where L_b is the example's task loss (through
 *       {@link dev.awb.api.LossTerm}) and the baseline a moving average of the loss with decay
 *       {@code baseline_decay}. Unbiased but high-variance.</li>
 * </ul>
 *
 * <p>Straight-through is the default because it is deterministic, adds no hyperparameter and has the lowest
 * variance of the three; its bias is the price. Outside training steps (evaluation, maps) no noise is drawn and
 * nothing is sampled: every estimator takes the plain argmax, except {@code gumbel} with {@code sample: soft}, which
 * keeps its relaxed weights softmax(scores/{@code temperature}). Padded and causally hidden keys get −10⁹ added to their scores, so they
 * are never chosen.
 */
@Component(service = AttentionMechanism.class)
@Plugin(kind = AttentionMechanism.KIND, name = "hard",
        summary = "Hard one-hot attention: straight-through (Bengio et al. 2013), Gumbel-softmax (Jang et al. 2017) "
                + "or REINFORCE (Williams 1992)")
public class HardAttention implements AttentionMechanism {
    static final String STRAIGHT_THROUGH = "straight-through";
    static final String GUMBEL = "gumbel";
    static final String REINFORCE = "reinforce";

    private static final List<ParamSpec> PARAMS = List.of(
            Heads.PARAM,
            ParamSpec.ofChoice("estimator", STRAIGHT_THROUGH, "How the argmax is trained",
                    STRAIGHT_THROUGH, GUMBEL, REINFORCE),
            ParamSpec.ofDouble("temperature", 1.0, "Gumbel-softmax temperature, > 0; lower is closer to one-hot")
                    .range(1e-3, 1e3),
            ParamSpec.ofChoice("sample", "hard", "Gumbel-softmax forward: one-hot argmax (hard) or the relaxed weights",
                    "hard", "soft"),
            ParamSpec.ofDouble("baseline_decay", 0.9, "REINFORCE: decay of the moving-average loss baseline per step")
                    .range(0, 0.9999));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public AttentionOutput attend(GraphContext context, AttentionInputs in, Params params) {
        double temperature = params.getDouble("temperature");
        if (!(temperature > 0)) {
            throw new PluginConfigurationException("temperature", "temperature must be positive, found " + temperature);
        }
        int heads = params.getInt("heads");
        Heads.QueryKeyValue qkv = Heads.projectQueryKeyValue(context, in, heads);
        SameDiff sd = context.sd();
        SDVariable scores = Heads.maskLogits(context, in, Heads.scaledDotProduct(sd, qkv, in.width() / heads));
        SDVariable weights = switch (params.getString("estimator")) {
            case GUMBEL -> gumbel(context, in, scores, heads, temperature, "hard".equals(params.getString("sample")));
            case REINFORCE -> reinforce(context, in, scores, heads, params.getDouble("baseline_decay"));
            default -> straightThrough(sd, oneHotArgmax(sd, scores, in.length()), sd.nn.softmax(scores, 3));
        };
        weights = sd.identity(in.scope() + "/weights", weights);
        return new AttentionOutput(Heads.output(context, in, sd.mmul(weights, qkv.value())), weights);
    }

    /** Forward {@code hard}, backward the gradient of {@code soft}: hard + soft − stopgrad(soft). */
    private static SDVariable straightThrough(SameDiff sd, SDVariable hard, SDVariable soft) {
        return hard.add(soft.sub(stopGradient(sd, soft)));
    }

    /** The one-hot argmax over keys, [batch, heads, length, length], with no gradient. */
    private static SDVariable oneHotArgmax(SameDiff sd, SDVariable scores, int length) {
        SDVariable argmax = sd.argmax(stopGradient(sd, scores), -1);
        return stopGradient(sd, sd.oneHot(argmax, length, -1, 1.0, 0.0, scores.dataType()));
    }

    /** Scores plus Gumbel noise while training, the scores alone otherwise. */
    private static SDVariable perturbed(GraphContext context, AttentionInputs in, SDVariable scores, int heads) {
        return scores.add(GumbelNoise.like(context.sd(), in.scope(), scores, heads, in.length()).mul(context.training()));
    }

    private static SDVariable gumbel(GraphContext context, AttentionInputs in, SDVariable scores, int heads,
            double temperature, boolean hard) {
        SameDiff sd = context.sd();
        SDVariable noisy = perturbed(context, in, scores, heads);
        SDVariable relaxed = sd.nn.softmax(noisy.div(temperature), 3);
        return hard ? straightThrough(sd, oneHotArgmax(sd, noisy, in.length()), relaxed) : relaxed;
    }

    private static SDVariable reinforce(GraphContext context, AttentionInputs in, SDVariable scores, int heads,
            double decay) {
        SameDiff sd = context.sd();
        SDVariable sampled = oneHotArgmax(sd, perturbed(context, in, scores, heads), in.length());
        // log p(sampled key) as the log of its softmax weight: logSoftmax with an axis cannot be cloned for the
        // gradient function in M2.1. Gumbel-max picks keys within ~14 of the top score, so the weight never underflows.
        SDVariable logProbability = sd.math.log(sd.sum(sampled.mul(sd.nn.softmax(scores, 3)), 3));   // [B, H, T]
        if (in.paddingMask() != null) {
            logProbability = logProbability.mul(sd.reshape(in.paddingMask(), -1, 1, in.length()));
        }
        SDVariable perExample = sd.sum(logProbability, 1, 2);                                   // [B]
        SDVariable baseline = sd.constant(in.scope() + "/baseline", Nd4j.scalar(scores.dataType(), 0.0));
        context.addLossTerm(loss -> {
            sd.addListeners(new MovingAverageBaseline(loss.name(), baseline.name(), decay));
            SDVariable advantage = stopGradient(sd, loss.sub(baseline));
            return sd.mean(in.scope() + "/reinforce", advantage.mul(perExample));
        });
        return sampled;
    }

    private static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }
}
