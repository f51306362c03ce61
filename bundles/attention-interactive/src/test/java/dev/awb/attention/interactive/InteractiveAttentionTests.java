package dev.awb.attention.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.attention.soft.ScaledDotProductAttention;
import dev.awb.testkit.AttentionContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InteractiveAttentionTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new InteractiveAttention();
    }

    @Override
    public int signalLength() {
        return 3;
    }

    @Test
    void refusesToBuildWithoutASignalNamingHowToWireOne() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5, 8);
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class, () -> mechanism().attend(
                new GraphContext(sd, DataType.FLOAT, 1), AttentionInputs.self("a", x, null, false, 5, 8),
                Params.defaults(mechanism().params()).with("heads", 2)));
        assertEquals(AttentionInputs.SIGNALS, e.parameter());
        assertTrue(e.getMessage().startsWith("attention/interactive needs an interaction signal and none is wired"),
                e.getMessage());
        assertTrue(e.getMessage().contains("inputs: [data]"), e.getMessage());
    }

    /** Output of soft attention, and of interactive attention with the same seed, on the same input. */
    private static INDArray[] softAndInteractive(boolean zeroEta, INDArray signalValues) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 5, 8);
        INDArray[] out = new INDArray[2];
        AttentionMechanism[] mechanisms = {new ScaledDotProductAttention(), new InteractiveAttention()};
        for (int m = 0; m < 2; m++) {
            SameDiff sd = SameDiff.create();
            SDVariable input = sd.placeHolder("x", DataType.DOUBLE, -1, 5, 8);
            SDVariable signal = sd.placeHolder("s", DataType.DOUBLE, -1, 4, 8);
            AttentionInputs in = AttentionInputs.self("a", input, null, false, 5, 8).withSignals(Map.of("context", signal));
            SDVariable values = mechanisms[m].attend(new GraphContext(sd, DataType.DOUBLE, 3), in,
                    Params.defaults(mechanisms[m].params()).with("heads", 2)).values();
            if (zeroEta && m == 1) {
                sd.getArrForVarName("a/eta/context/k/W").assign(0);
                sd.getArrForVarName("a/eta/context/k/b").assign(0);
            }
            out[m] = sd.output(Map.of("x", x, "s", signalValues), values.name()).get(values.name());
        }
        return out;
    }

    @Test
    void isExactlySoftAttentionWhenTheBiasProjectionIsZero() {
        INDArray[] out = softAndInteractive(true, Nd4j.rand(DataType.DOUBLE, 2, 4, 8));
        assertEquals(0.0, out[0].sub(out[1]).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void theSignalChangesTheOutput() {
        INDArray[] out = softAndInteractive(false, Nd4j.rand(DataType.DOUBLE, 2, 4, 8));
        assertTrue(out[0].sub(out[1]).amaxNumber().doubleValue() > 1e-6, "the signal had no effect");
    }
}
