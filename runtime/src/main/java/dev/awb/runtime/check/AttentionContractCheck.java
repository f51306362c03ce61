package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit's attention contract, run by {@code awb plugin check} against an installed mechanism. */
@ExtendWith(ContractRun.class)
class AttentionContractCheck implements AttentionContract {
    final ContractRun.Subject subject;

    AttentionContractCheck(ContractRun.Subject subject) {
        this.subject = subject;
    }

    @Override
    public AttentionMechanism mechanism() {
        return subject.mechanism();
    }

    @Override
    public Params params(int heads) {
        return subject.params(heads);
    }

    @Override
    public int signalLength() {
        return subject.signalLength();
    }
}
