package dev.awb.pooling.mean;

import dev.awb.api.pooling.Pooling;
import dev.awb.testkit.PoolingContract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awb.api.GraphContext;
import dev.awb.api.Params;
import dev.awb.api.pooling.PoolingInputs;
import dev.awb.api.pooling.PoolingOutput;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeanPoolingTests implements PoolingContract {

    @Override
    public Pooling pooling() {
        return new MeanPooling();
    }


    @Test
    void averagesOnlyTheRealPositions() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 2);
        SDVariable mask = sd.placeHolder("mask", DataType.DOUBLE, -1, 3);
        MeanPooling pooling = new MeanPooling();
        PoolingOutput out = pooling.pool(new GraphContext(sd, DataType.DOUBLE, 1), new PoolingInputs("pool", x, mask, 3, 2),
                Params.defaults(pooling.params()));
        INDArray input = Nd4j.createFromArray(new double[][][] {{{1, 2}, {3, 4}, {5, 6}}, {{1, 2}, {3, 4}, {100, 100}}});
        INDArray masks = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 1, 0}});
        Map<String, INDArray> result = sd.output(Map.of("x", input, "mask", masks), out.pooled().name(), out.weights().name());
        assertEquals(Nd4j.createFromArray(new double[][] {{3, 4}, {2, 3}}), result.get(out.pooled().name()));
        assertEquals(0.5, result.get(out.weights().name()).getDouble(1, 0), 1e-15);
        assertEquals(0.0, result.get(out.weights().name()).getDouble(1, 2), 0.0);
    }
}
