package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.PiecewiseConstantAttentionContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test kit's contract for piecewise-constant mechanisms (hard attention), run by {@code awb plugin check
 * --relaxation NAME=VALUE} against an installed mechanism; the gradient check runs under the relaxation's values.
 */
@ExtendWith(ContractRun.class)
final class PiecewiseConstantAttentionContractCheck implements PiecewiseConstantAttentionContract {
    private final ContractRun.Subject subject;

    PiecewiseConstantAttentionContractCheck(ContractRun.Subject subject) {
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

    @Override
    public Params gradientCheckParams(int heads) {
        return subject.relaxationParams(heads);
    }
}
