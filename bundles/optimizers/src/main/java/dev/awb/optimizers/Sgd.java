package dev.awb.optimizers;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.support.optimizer.ClassicalMomentum;
import dev.awb.api.optimizer.Optimizer;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.osgi.service.component.annotations.Component;

/**
 * Stochastic gradient descent (Robbins &amp; Monro 1951), optionally with classical momentum (Polyak 1964) or
 * Nesterov momentum (Nesterov 1983, in the form of Sutskever et al. 2013).
 *
 * <p>Without momentum it is ND4J's {@code Sgd}; with Nesterov momentum ND4J's {@code Nesterovs}
 * ({@code v ← μ·v − η_t·g}, {@code θ ← θ − μ·v_prev + (1 + μ)·v}, equal to {@code torch.optim.SGD(nesterov=True)}
 * at a constant learning rate); with classical momentum {@link ClassicalMomentum}, since ND4J has none.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "sgd", summary = "SGD with optional classical or Nesterov momentum")
public class Sgd extends ScheduledOptimizer {
    static final String MOMENTUM = "momentum";
    static final String NESTEROV = "nesterov";

    public Sgd() {
        super(List.of(
                ParamSpec.ofDouble(MOMENTUM, 0.0, "Momentum mu: velocity decay; 0 = plain SGD").range(0, 0.999999),
                ParamSpec.ofBoolean(NESTEROV, false, "Use Nesterov momentum instead of classical (needs momentum > 0)")),
                0.01, l2WeightDecay());
    }

    @Override
    IUpdater updater(Params params, ISchedule lr) {
        double momentum = params.getDouble(MOMENTUM);
        boolean nesterov = params.getBoolean(NESTEROV);
        if (nesterov && momentum == 0) {
            throw new PluginConfigurationException(NESTEROV, "nesterov needs momentum > 0, found momentum 0.0");
        }
        if (momentum == 0) {
            return new org.nd4j.linalg.learning.config.Sgd(lr);
        }
        return nesterov ? new Nesterovs(lr, momentum) : new ClassicalMomentum(lr, momentum);
    }
}
