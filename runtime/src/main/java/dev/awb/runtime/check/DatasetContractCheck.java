package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.testkit.DatasetContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test kit's dataset contract, run by {@code awb plugin check} against an installed dataset. Two inputs only the
 * plugin's own test class knows — its contradictory parameters, and whether its data is meant to ignore the seed —
 * are unknown here: those two checks are reported as not run, never as passed.
 */
@ExtendWith(ContractRun.class)
class DatasetContractCheck implements DatasetContract {
    final ContractRun.PluginSubject subject;

    DatasetContractCheck(ContractRun.PluginSubject subject) {
        this.subject = subject;
    }

    @Override
    public SequenceDataset dataset() {
        return subject.as(SequenceDataset.class);
    }

    @Override
    public Params params() {
        return subject.params();
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return null;
    }

    @Override
    public boolean seedChangesData() {
        Assumptions.abort("whether this dataset's data depends on the seed is declared in its own test class "
                + "(DatasetContract.seedChangesData)");
        return true;
    }
}
