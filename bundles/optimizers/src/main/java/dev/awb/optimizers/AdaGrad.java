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
 * AdaGrad (Duchi, Hazan &amp; Singer 2011, "Adaptive Subgradient Methods") on ND4J's {@code AdaGrad} updater:
 * {@code G ← G + g²}, {@code θ ← θ − η_t·g / (√G + ε)}.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "adagrad", summary = "AdaGrad (Duchi et al. 2011) on ND4J's updater")
public class AdaGrad extends ScheduledOptimizer {

    public AdaGrad() {
        super(List.of(ParamSpec.ofDouble("epsilon", 1e-6, "Added to the denominator for numerical stability")
                .range(0, 1)), 0.01, l2WeightDecay());
    }

    @Override
    IUpdater updater(Params params, ISchedule lr) {
        return org.nd4j.linalg.learning.config.AdaGrad.builder().learningRateSchedule(lr)
                .epsilon(params.getDouble("epsilon")).build();
    }
}
