package dev.awb.api.support.optimizer;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SGD with classical (heavy-ball) momentum (Polyak 1964; in the form of Sutskever et al. 2013 and
 * {@code torch.optim.SGD}): {@code v ← μ·v + g}, {@code θ ← θ − η_t·v}.
 *
 * <p>ND4J 1.0.0-M2.1 has plain SGD ({@code Sgd}) and Nesterov momentum ({@code Nesterovs}) but no classical
 * momentum, hence this updater. It lives in the SPI's jar so that saved training configurations naming it
 * deserialize from the host's class path.
 */
public final class ClassicalMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;
    /** The key of the velocity in the updater state. */
    public static final String VELOCITY = "V";

    private ISchedule learningRate;
    private final double momentum;

    /**
     * @param learningRate the learning rate at each step
     * @param momentum the velocity's decay μ, in [0, 1)
     */
    @JsonCreator
    public ClassicalMomentum(@JsonProperty("learningRate") ISchedule learningRate,
            @JsonProperty("momentum") double momentum) {
        this.learningRate = Objects.requireNonNull(learningRate, "learningRate");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
        }
        this.momentum = momentum;
    }

    /** The velocity's decay μ. */
    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Velocity updater = new Velocity(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Velocity updater = new Velocity(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public ClassicalMomentum clone() {
        return new ClassicalMomentum(learningRate.clone(), momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lrSchedule != null ? lrSchedule : new FixedSchedule(lr);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassicalMomentum m && m.momentum == momentum && m.learningRate.equals(learningRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "ClassicalMomentum(" + learningRate + ", momentum=" + momentum + ")";
    }

    /** One variable's velocity. */
    private static final class Velocity implements GradientUpdater<ClassicalMomentum> {
        private final ClassicalMomentum config;
        private INDArray v;

        Velocity(ClassicalMomentum config) {
            this.config = config;
        }

        @Override
        public ClassicalMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (stateMap.size() != 1 || !stateMap.containsKey(VELOCITY)) {
                throw new IllegalStateException(
                        "classical momentum state holds only [" + VELOCITY + "], found " + stateMap.keySet());
            }
            v = stateMap.get(VELOCITY);
            if (initialize) {
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(VELOCITY, v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            v = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
            if (v == null) {
                throw new IllegalStateException("could not view the momentum state as the gradient's shape");
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            // The gradient array becomes the update SameDiff subtracts: η_t · (μ·v + g).
            v.muli(config.momentum).addi(gradient.reshape(v.shape()));
            gradient.assign(v.reshape(gradient.shape())).muli(config.getLearningRate(iteration, epoch));
        }
    }
}
