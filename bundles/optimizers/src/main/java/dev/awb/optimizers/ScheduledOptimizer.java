package dev.awb.optimizers;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.optimizer.OptimizerSetup;
import dev.awb.api.optimizer.TrainingBudget;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * An optimizer of this family: an update rule with its own parameters plus the shared ones, the
 * {@link LearningRateSchedule}, {@code weight_decay} and {@code clip_norm}.
 *
 * <p>Weight decay here is the coupled L2 penalty of {@code torch.optim}'s {@code weight_decay}: ND4J's
 * {@link L2Regularization} adds {@code λ·θ} to the gradient before the update rule. {@link AdamW} overrides it
 * with decoupled decay.
 */
abstract class ScheduledOptimizer implements Optimizer {
    static final String WEIGHT_DECAY = "weight_decay";
    static final String CLIP_NORM = "clip_norm";

    private final List<ParamSpec> params;

    /**
     * @param own the update rule's own parameters
     * @param defaultLr the default peak learning rate
     * @param weightDecay the {@code weight_decay} parameter
     */
    ScheduledOptimizer(List<ParamSpec> own, double defaultLr, ParamSpec weightDecay) {
        List<ParamSpec> all = new ArrayList<>(LearningRateSchedule.params(defaultLr));
        all.addAll(own);
        all.add(weightDecay);
        all.add(ParamSpec.ofDouble(CLIP_NORM, 0.0, "Clip each weight tensor's gradient to this L2 norm (per tensor, "
                + "not global); 0 = off").range(0, 1e12));
        this.params = List.copyOf(all);
    }

    /** The coupled L2 {@code weight_decay} parameter. */
    static ParamSpec l2WeightDecay() {
        return ParamSpec.ofDouble(WEIGHT_DECAY, 0.0, "L2 penalty: weight_decay x weight added to the gradient before "
                + "the update rule (coupled, as torch.optim)").range(0, 10);
    }

    @Override
    public final List<ParamSpec> params() {
        return params;
    }

    @Override
    public final OptimizerSetup configure(Params params, TrainingBudget budget) {
        ISchedule lr = LearningRateSchedule.of(params, budget);
        return new OptimizerSetup(updater(params, lr), regularization(params.getDouble(WEIGHT_DECAY)),
                params.getDouble(CLIP_NORM));
    }

    /** The update rule for {@code params} with learning rate {@code lr}; a new instance. */
    abstract IUpdater updater(Params params, ISchedule lr);

    /** The penalty for {@code weight_decay = lambda}: none at 0, coupled L2 otherwise. */
    List<Regularization> regularization(double lambda) {
        return lambda > 0 ? List.of(new L2Regularization(lambda)) : List.of();
    }
}
