package dev.awb.attention.linear;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;

class LinearAttentionWithReluTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new LinearAttention();
    }

    @Override
    public Params params(int heads) {
        return AttentionContract.super.params(heads).with("feature_map", LinearAttention.RELU).with("epsilon", 1e-9);
    }

    /** ReLU can cut every feature of a query to 0; that query then attends to nothing. */
    @Override
    public boolean allowsEmptyRows() {
        return true;
    }
}
