package dev.awb.attention.hard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.PiecewiseConstantAttentionContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The default (straight-through) hard attention runs the contract; the gradient check uses its relaxation. */
class HardAttentionTests implements PiecewiseConstantAttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new HardAttention();
    }

    @Override
    public Params gradientCheckParams(int heads) {
        return params(heads).with("estimator", HardAttention.GUMBEL).with("sample", "soft").with("temperature", 0.5);
    }

    @Test
    void rejectsNonPositiveTemperatureNamingParameterAndValue() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5, 8);
        Params params = Params.defaults(mechanism().params()).with("heads", 2).with("temperature", 0.0);
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class, () -> mechanism()
                .attend(new GraphContext(sd, DataType.FLOAT, 1), AttentionInputs.self("a", x, null, false, 5, 8), params));
        assertEquals("temperature", e.parameter());
        assertEquals("temperature must be positive, found 0.0", e.getMessage());
    }

    @Test
    void forwardWeightsAreExactlyOneHot() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 6, 8);
        var out = mechanism().attend(new GraphContext(sd, DataType.DOUBLE, 3),
                AttentionInputs.self("a", x, null, false, 6, 8).withWeights(), Params.defaults(mechanism().params()).with("heads", 2));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 6, 8);
        INDArray weights = sd.output(Map.of("x", input), out.weights().name()).get(out.weights().name());
        assertEquals(3 * 2 * 6, weights.eq(1.0).castTo(DataType.INT32).sumNumber().intValue(), "one 1 per row");
        assertEquals(weights.length() - 3 * 2 * 6, weights.eq(0.0).castTo(DataType.INT32).sumNumber().intValue(),
                "all other entries 0");
    }

    @Test
    void gumbelNoiseHasTheGumbelMomentsDiffersPerRunAndRepeatsForTheSeed() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, 50, 50);
        SDVariable g = GumbelNoise.like(sd, "a", x, 2, 50);
        Map<String, INDArray> feed = Map.of("x", Nd4j.zeros(DataType.DOUBLE, 20, 2, 50, 50));
        Nd4j.getRandom().setSeed(9);
        INDArray first = sd.output(feed, g.name()).get(g.name());
        INDArray second = sd.output(feed, g.name()).get(g.name());
        Nd4j.getRandom().setSeed(9);
        INDArray again = sd.output(feed, g.name()).get(g.name());
        assertNotEquals(first, second, "noise must differ per run");
        assertEquals(first, again, "noise must repeat for the same seed");
        double eulerGamma = 0.5772156649;
        assertEquals(eulerGamma, first.meanNumber().doubleValue(), 0.01, "mean of Gumbel(0, 1)");
        assertEquals(Math.PI * Math.PI / 6, first.varNumber().doubleValue(), 0.03, "variance of Gumbel(0, 1)");
    }
}
