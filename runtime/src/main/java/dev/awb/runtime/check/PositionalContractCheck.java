package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.positional.PositionalEncoding;
import dev.awb.testkit.PositionalContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test kit's positional encoding contract, run by {@code awb plugin check} against an installed positional encoding. */
@ExtendWith(ContractRun.class)
class PositionalContractCheck implements PositionalContract {
    final ContractRun.PluginSubject subject;

    PositionalContractCheck(ContractRun.PluginSubject subject) {
        this.subject = subject;
    }

    @Override
    public PositionalEncoding encoding() {
        return subject.as(PositionalEncoding.class);
    }

    @Override
    public Params params() {
        return subject.params();
    }
}
