package dev.awb.attention.hard;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.PiecewiseConstantAttentionContract;

/** Straight-through Gumbel-softmax hard attention runs the contract. */
class HardAttentionGumbelTests implements PiecewiseConstantAttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new HardAttention();
    }

    @Override
    public Params params(int heads) {
        return PiecewiseConstantAttentionContract.super.params(heads).with("estimator", HardAttention.GUMBEL);
    }

    @Override
    public Params gradientCheckParams(int heads) {
        return params(heads).with("sample", "soft");
    }
}
