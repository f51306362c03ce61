package dev.awb.optimizers;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.optimizer.Optimizer;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;
import org.osgi.service.component.annotations.Component;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2): {@code θ ← θ − η_t · (α·m̂/(√v̂ + ε) + λ·θ)}, the form of {@code torch.optim.AdamW}.
 *
 * <p>ND4J 1.0.0-M2.1 has no AdamW updater; this is its {@code Adam} updater plus its {@link WeightDecay}
 * regularization with {@code applyLR = true}, which SameDiff applies after the updater, adding
 * {@code lr_t · λ · θ} to the update, so the decay stays out of Adam's moment estimates.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "adamw",
        summary = "Adam with decoupled weight decay (Loshchilov & Hutter 2019)")
public class AdamW extends ScheduledOptimizer {

    public AdamW() {
        super(Adam.moments(), 1e-3, ParamSpec.ofDouble(WEIGHT_DECAY, 0.01, "Decoupled weight decay: each step "
                + "subtracts lr x weight_decay x weight, outside Adam's moments").range(0, 10));
    }

    @Override
    IUpdater updater(Params params, ISchedule lr) {
        return Adam.adam(params, lr);
    }

    @Override
    List<Regularization> regularization(double lambda) {
        return lambda > 0 ? List.of(new WeightDecay(lambda, true)) : List.of();
    }
}
