package dev.awb.positional.learned;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.positional.PositionalEncoding;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;

/**
 * Learned absolute positional embeddings: one trainable vector per position, as in Gehring et al. 2017
 * ("Convolutional Sequence to Sequence Learning") and BERT (Devlin et al. 2019). Vaswani et al. 2017 (§3.5)
 * found them about as good as sinusoids; unlike sinusoids they cannot reach lengths not seen in training.
 *
 * <p>Initialised uniformly in ±{@code init_scale}·√3 (standard deviation {@code init_scale}), reproducibly from the
 * seed and the weight's name.
 */
@Component(service = PositionalEncoding.class)
@Plugin(kind = PositionalEncoding.KIND, name = "learned",
        summary = "Learned absolute positional embeddings (Gehring et al. 2017)")
public class LearnedEncoding implements PositionalEncoding {

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofDouble("init_scale", 0.02, "Standard deviation of the initial embeddings").range(0, 10));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public SDVariable encode(GraphContext context, String scope, int length, int width, Params params) {
        double limit = params.getDouble("init_scale") * Math.sqrt(3);
        java.util.SplittableRandom random = context.randomFor(scope + "/learned");
        double[] values = new double[length * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() * 2 - 1) * limit;
        }
        return context.sd().var(scope + "/learned",
                Nd4j.createFromArray(values).castTo(context.dataType()).reshape(1, length, width));
    }
}
