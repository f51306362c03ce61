package dev.awb.optimizers;

import dev.awb.api.optimizer.Optimizer;
import dev.awb.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The test kit's optimizer contract on every optimizer of this bundle, with the defaults a study gets. */
class OptimizerContractTests {
    /** A warmup longer than the contract's 200-step run, refused by every scheduled optimizer. */
    private static final Map<String, Object> ENDLESS_WARMUP = Map.of("warmup_steps", 10_000);

    @Nested
    class SgdContract implements OptimizerContract {
        public Optimizer optimizer() {
            return new Sgd();
        }

        public List<Map<String, Object>> contradictoryParams() {
            return List.of(ENDLESS_WARMUP, Map.of("nesterov", true, "momentum", 0.0));
        }
    }

    @Nested
    class AdamContract implements OptimizerContract {
        public Optimizer optimizer() {
            return new Adam();
        }

        public List<Map<String, Object>> contradictoryParams() {
            return List.of(ENDLESS_WARMUP, Map.of("schedule", "constant", "min_lr", 1e-5));
        }
    }

    @Nested
    class AdamWContract implements OptimizerContract {
        public Optimizer optimizer() {
            return new AdamW();
        }

        public List<Map<String, Object>> contradictoryParams() {
            return List.of(ENDLESS_WARMUP);
        }
    }

    @Nested
    class RmsPropContract implements OptimizerContract {
        public Optimizer optimizer() {
            return new RmsProp();
        }

        public List<Map<String, Object>> contradictoryParams() {
            return List.of(ENDLESS_WARMUP);
        }
    }

    @Nested
    class AdaGradContract implements OptimizerContract {
        public Optimizer optimizer() {
            return new AdaGrad();
        }

        public List<Map<String, Object>> contradictoryParams() {
            return List.of(ENDLESS_WARMUP);
        }
    }
}
