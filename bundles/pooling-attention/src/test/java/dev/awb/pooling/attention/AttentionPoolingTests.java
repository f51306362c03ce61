package dev.awb.pooling.attention;

import dev.awb.api.pooling.Pooling;
import dev.awb.testkit.PoolingContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class AttentionPoolingTests implements PoolingContract {

    @Override
    public Pooling pooling() {
        return new AttentionPooling();
    }

    private final AttentionPooling pooling = new AttentionPooling();
    private final SameDiff sd = SameDiff.create();
    private final PoolingOutput out;

    AttentionPoolingTests() {
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 4, 6);
        SDVariable mask = sd.placeHolder("mask", DataType.DOUBLE, -1, 4);
        out = pooling.pool(new GraphContext(sd, DataType.DOUBLE, 1), new PoolingInputs("pool", x, mask, 4, 6),
                Params.defaults(pooling.params()));
    }

    private Map<String, INDArray> run(INDArray x, INDArray mask) {
        return sd.output(Map.of("x", x, "mask", mask), out.pooled().name(), out.weights().name());
    }

    @Test
    void weightsAreADistributionOverRealPositionsOnly() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray weights = run(x, mask).get(out.weights().name());
        assertEquals(1.0, weights.getRow(0).sumNumber().doubleValue(), 1e-12);
        assertEquals(1.0, weights.getRow(1).sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, weights.getDouble(1, 2) + weights.getDouble(1, 3), 0.0);
        INDArray changed = x.dup();
        changed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(7.0);
        assertEquals(run(x, mask).get(out.pooled().name()), run(changed, mask).get(out.pooled().name()),
                "a padded position changed the pooled vector");
    }

    @Test
    void isTheMeanWhenTheQueryIsZeroAndLearnsOtherwise() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 2, 4);
        INDArray learned = run(x, mask).get(out.pooled().name());
        assertTrue(learned.sub(x.mean(1)).amaxNumber().doubleValue() > 1e-6, "the query has no effect");
        sd.getArrForVarName("pool/query").assign(0);
        assertEquals(0.0, run(x, mask).get(out.pooled().name()).sub(x.mean(1)).amaxNumber().doubleValue(), 1e-12);
    }
}
