package dev.awb.positional.learned;

import dev.awb.api.positional.PositionalEncoding;
import dev.awb.testkit.PositionalContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LearnedEncodingTests implements PositionalContract {

    @Override
    public PositionalEncoding encoding() {
        return new LearnedEncoding();
    }

    private final LearnedEncoding encoding = new LearnedEncoding();

    private INDArray table(long seed) {
        SameDiff sd = SameDiff.create();
        SDVariable pe = encoding.encode(new GraphContext(sd, DataType.DOUBLE, seed), "pos", 50, 40,
                Params.defaults(encoding.params()));
        assertEquals(VariableType.VARIABLE, pe.getVariableType(), "the table is trained");
        return pe.getArr();
    }

    @Test
    void isATrainableTableWithTheRequestedScaleReproducibleFromTheSeed() {
        INDArray table = table(1);
        assertArrayEquals(new long[] {1, 50, 40}, table.shape());
        assertEquals(0.02, table.stdNumber().doubleValue(), 0.002);
        assertEquals(table, table(1));
        assertNotEquals(table, table(2));
    }
}
