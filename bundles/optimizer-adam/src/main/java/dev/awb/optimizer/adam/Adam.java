package dev.awb.optimizer.adam;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.optimizer.Optimizer;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.osgi.service.component.annotations.Component;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization"), mapped onto ND4J's updater.
 */
@Component(service = Optimizer.class)
@Plugin(kind = Optimizer.KIND, name = "adam", summary = "Adam (Kingma & Ba 2015) on ND4J's updater")
public class Adam implements Optimizer {

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofDouble("lr", 1e-3, "Learning rate").range(1e-12, 10),
            ParamSpec.ofDouble("beta1", 0.9, "Decay of the first-moment estimate").range(0, 0.999999),
            ParamSpec.ofDouble("beta2", 0.999, "Decay of the second-moment estimate").range(0, 0.99999999),
            ParamSpec.ofDouble("epsilon", 1e-8, "Added to the denominator for numerical stability").range(0, 1));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public IUpdater updater(Params params) {
        return new org.nd4j.linalg.learning.config.Adam(params.getDouble("lr"), params.getDouble("beta1"),
                params.getDouble("beta2"), params.getDouble("epsilon"));
    }
}
