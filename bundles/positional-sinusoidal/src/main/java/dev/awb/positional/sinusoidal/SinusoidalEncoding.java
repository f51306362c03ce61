package dev.awb.positional.sinusoidal;

import dev.awb.api.GraphContext;
import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.positional.PositionalEncoding;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.osgi.service.component.annotations.Component;

/**
 * The fixed sinusoidal positional encoding of Vaswani et al. 2017 ("Attention Is All You Need", §3.5):
 * PE(p, 2i) = sin(p / base^(2i/d)), PE(p, 2i+1) = cos(p / base^(2i/d)), with base 10000 in the paper. Not trained;
 * relative offsets are linear functions of the encodings, and any length works without new weights.
 */
@Component(service = PositionalEncoding.class)
@Plugin(kind = PositionalEncoding.KIND, name = "sinusoidal",
        summary = "Fixed sinusoidal positional encoding (Vaswani et al. 2017)")
public class SinusoidalEncoding implements PositionalEncoding {

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofDouble("base", 10000.0, "Base of the geometric progression of wavelengths").range(2, 1e9));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public SDVariable encode(GraphContext context, String scope, int length, int width, Params params) {
        return context.constant(scope + "/sinusoidal", table(length, width, params.getDouble("base")), 1, length, width);
    }

    /** The table for {@code length} positions and width {@code width}, row-major [length, width]. */
    static double[] table(int length, int width, double base) {
        double[] table = new double[length * width];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < width; i++) {
                double angle = p / Math.pow(base, (2 * (i / 2)) / (double) width);
                table[p * width + i] = (i % 2 == 0) ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return table;
    }
}
