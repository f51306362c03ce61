package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.testkit.OptimizerContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test kit's optimizer contract, run by {@code awb plugin check} against an installed optimizer. Its
 * contradictory parameters are the plugin's own test class's to give: that check is reported as not run here.
 */
@ExtendWith(ContractRun.class)
class OptimizerContractCheck implements OptimizerContract {
    final ContractRun.PluginSubject subject;

    OptimizerContractCheck(ContractRun.PluginSubject subject) {
        this.subject = subject;
    }

    @Override
    public Optimizer optimizer() {
        return subject.as(Optimizer.class);
    }

    @Override
    public Params params() {
        return subject.params();
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return null;
    }
}
