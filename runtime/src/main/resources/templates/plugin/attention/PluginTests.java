package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs the awb attention contract (output shapes, padding and causal masks, a float64 gradient check against
 * finite differences, determinism, save/load, weight rows summing to 1) against {@link {{className}}}, plus this
 * plugin's own tests.
 */
class {{className}}Tests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new {{className}}();
    }

    @Test
    void rejectsHeadsThatDoNotDivideTheWidth() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5, 8);
        Params params = Params.defaults(mechanism().params()).with("heads", 3);
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class, () -> mechanism()
                .attend(new GraphContext(sd, DataType.FLOAT, 1), AttentionInputs.self("a", x, null, false, 5, 8), params));
        assertEquals("heads", e.parameter());
    }
}
