package dev.awb.optimizers;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.optimizer.Optimizer;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.osgi.service.component.annotations.Component;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5) on ND4J's
 * {@code RmsProp} updater: {@code r ← ρ·r + (1 − ρ)·g²}, {@code θ ← θ − η_t·g / (√r + ε)}.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "rmsprop", summary = "RMSProp (Tieleman & Hinton 2012) on ND4J's updater")
public class RmsProp extends ScheduledOptimizer {

    public RmsProp() {
        super(List.of(
                ParamSpec.ofDouble("rms_decay", 0.9, "Decay rho of the running mean of squared gradients")
                        .range(0, 0.99999999),
                ParamSpec.ofDouble("epsilon", 1e-8, "Added to the denominator for numerical stability").range(0, 1)),
                1e-3, l2WeightDecay());
    }

    @Override
    IUpdater updater(Params params, ISchedule lr) {
        return org.nd4j.linalg.learning.config.RmsProp.builder().learningRateSchedule(lr)
                .rmsDecay(params.getDouble("rms_decay")).epsilon(params.getDouble("epsilon")).build();
    }
}
