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
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization") on ND4J's {@code Adam} updater, with
 * coupled L2 weight decay.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "adam", summary = "Adam (Kingma & Ba 2015) on ND4J's updater")
public class Adam extends ScheduledOptimizer {

    public Adam() {
        super(moments(), 1e-3, l2WeightDecay());
    }

    /** Adam's own parameters, shared with {@link AdamW}; defaults from the paper. */
    static List<ParamSpec> moments() {
        return List.of(
                ParamSpec.ofDouble("beta1", 0.9, "Decay of the first-moment estimate").range(0, 0.999999),
                ParamSpec.ofDouble("beta2", 0.999, "Decay of the second-moment estimate").range(0, 0.99999999),
                ParamSpec.ofDouble("epsilon", 1e-8, "Added to the denominator for numerical stability").range(0, 1));
    }

    @Override
    IUpdater updater(Params params, ISchedule lr) {
        return adam(params, lr);
    }

    /** ND4J's Adam with these moments and learning rate. */
    static IUpdater adam(Params params, ISchedule lr) {
        return org.nd4j.linalg.learning.config.Adam.builder().learningRateSchedule(lr)
                .beta1(params.getDouble("beta1")).beta2(params.getDouble("beta2"))
                .epsilon(params.getDouble("epsilon")).build();
    }
}
