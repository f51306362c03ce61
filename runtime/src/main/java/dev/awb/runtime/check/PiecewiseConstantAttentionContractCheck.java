package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.testkit.PiecewiseConstantAttentionContract;

/**
 * The test kit's contract for piecewise-constant mechanisms (hard attention), run by {@code awb plugin check
 * --relaxation NAME=VALUE} against an installed mechanism; the gradient check runs under the relaxation's values.
 */
final class PiecewiseConstantAttentionContractCheck extends AttentionContractCheck
        implements PiecewiseConstantAttentionContract {

    PiecewiseConstantAttentionContractCheck(ContractRun.Subject subject) {
        super(subject);
    }

    @Override
    public Params gradientCheckParams(int heads) {
        return subject.relaxationParams(heads);
    }
}
