package dev.awb.api.support.optimizer;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An ND4J updater configuration that clips each weight tensor's gradient to an L2 norm before handing it to
 * another update rule: {@code g ← g · min(1, maxNorm / ‖g‖₂)}.
 *
 * <p>The norm is per weight tensor (DL4J's {@code GradientNormalization.ClipL2PerParamType}), not over all
 * weights together as in {@code torch.nn.utils.clip_grad_norm_} (Pascanu et al. 2013): SameDiff 1.0.0-M2.1
 * updates each variable as soon as its gradient is computed during the backward pass, so no hook sees all
 * gradients before the first update. L2 regularization, which SameDiff adds to the gradient before the
 * updater, is inside the clipped norm; decoupled weight decay, applied after it, is not.
 *
 * <p>It lives in the SPI's jar rather than in a plugin so that SameDiff can deserialize saved training
 * configurations that name it from the host's class path.
 */
public final class ClippedUpdater implements IUpdater {
    private static final long serialVersionUID = 1L;

    private final IUpdater inner;
    private final double maxNorm;

    /**
     * @param inner the update rule that receives the clipped gradient
     * @param maxNorm the largest L2 norm one tensor's gradient may keep, positive
     */
    @JsonCreator
    public ClippedUpdater(@JsonProperty("inner") IUpdater inner, @JsonProperty("maxNorm") double maxNorm) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, found " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    /** The update rule behind the clipping. */
    public IUpdater inner() {
        return inner;
    }

    /** The largest L2 norm one tensor's gradient may keep. */
    public double maxNorm() {
        return maxNorm;
    }

    @Override
    public long stateSize(long numParams) {
        return inner.stateSize(numParams);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new Clipping(this, inner.instantiate(viewArray, initializeViewArray));
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        return new Clipping(this, inner.instantiate(updaterState, initializeStateArrays));
    }

    @Override
    public ClippedUpdater clone() {
        return new ClippedUpdater(inner.clone(), maxNorm);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return inner.getLearningRate(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return inner.hasLearningRate();
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        inner.setLrAndSchedule(lr, lrSchedule);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClippedUpdater c && c.maxNorm == maxNorm && c.inner.equals(inner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inner, maxNorm);
    }

    @Override
    public String toString() {
        return "ClippedUpdater(" + inner + ", maxNorm=" + maxNorm + ")";
    }

    /** The per-variable state: the wrapped rule's, unchanged, so saved updater state reads back. */
    private static final class Clipping implements GradientUpdater<ClippedUpdater> {
        private final ClippedUpdater config;
        private final GradientUpdater<?> inner;

        Clipping(ClippedUpdater config, GradientUpdater<?> inner) {
            this.config = config;
            this.inner = inner;
        }

        @Override
        public ClippedUpdater getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            inner.setState(stateMap, initialize);
        }

        @Override
        public Map<String, INDArray> getState() {
            return inner.getState();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            inner.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double norm = gradient.norm2Number().doubleValue();
            if (norm > config.maxNorm) {
                gradient.muli(config.maxNorm / norm);
            }
            inner.applyUpdater(gradient, iteration, epoch);
        }
    }
}
