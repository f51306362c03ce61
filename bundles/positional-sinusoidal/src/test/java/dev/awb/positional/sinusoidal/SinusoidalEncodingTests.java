package dev.awb.positional.sinusoidal;

import dev.awb.api.positional.PositionalEncoding;
import dev.awb.testkit.PositionalContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SinusoidalEncodingTests implements PositionalContract {

    @Override
    public PositionalEncoding encoding() {
        return new SinusoidalEncoding();
    }

    private final SinusoidalEncoding encoding = new SinusoidalEncoding();

    @Test
    void matchesThePapersFormulaAtKnownPositions() {
        SameDiff sd = SameDiff.create();
        SDVariable pe = encoding.encode(new GraphContext(sd, DataType.DOUBLE, 1), "pos", 8, 4,
                Params.defaults(encoding.params()));
        INDArray table = pe.eval();
        assertArrayEquals(new long[] {1, 8, 4}, table.shape());
        assertEquals(0.0, table.getDouble(0, 0, 0), 0.0, "sin(0)");
        assertEquals(1.0, table.getDouble(0, 0, 1), 0.0, "cos(0)");
        assertEquals(Math.sin(3), table.getDouble(0, 3, 0), 1e-15, "position 3, i = 0: wavelength 2π");
        assertEquals(Math.cos(3 / 100.0), table.getDouble(0, 3, 3), 1e-15, "position 3, i = 1: 10000^(2/4) = 100");
        assertEquals(0, sd.variables().stream().filter(v -> v.getVariableType()
                == org.nd4j.autodiff.samediff.VariableType.VARIABLE).count(), "nothing is trained");
    }
}
