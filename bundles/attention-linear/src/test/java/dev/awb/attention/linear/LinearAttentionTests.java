package dev.awb.attention.linear;

import dev.awb.api.attention.AttentionMechanism;
import dev.awb.testkit.AttentionContract;

class LinearAttentionTests implements AttentionContract {

    @Override
    public AttentionMechanism mechanism() {
        return new LinearAttention();
    }
}
