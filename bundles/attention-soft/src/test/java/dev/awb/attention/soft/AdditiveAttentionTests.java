package dev.awb.attention.soft;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;

/** Soft attention with additive (Bahdanau) scoring runs the contract. */
class AdditiveAttentionTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new ScaledDotProductAttention();
    }

    @Override
    public Params params(int heads) {
        return AttentionContract.super.params(heads).with("scoring", ScaledDotProductAttention.ADDITIVE);
    }
}
