package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.pooling.Pooling;
import dev.awb.testkit.PoolingContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit's pooling contract, run by {@code awb plugin check} against an installed pooling. */
@ExtendWith(ContractRun.class)
class PoolingContractCheck implements PoolingContract {
    final ContractRun.PluginSubject subject;

    PoolingContractCheck(ContractRun.PluginSubject subject) {
        this.subject = subject;
    }

    @Override
    public Pooling pooling() {
        return subject.as(Pooling.class);
    }

    @Override
    public Params params() {
        return subject.params();
    }
}
