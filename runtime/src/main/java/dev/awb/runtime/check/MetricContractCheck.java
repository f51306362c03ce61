package dev.awb.runtime.check;

import dev.awb.api.Params;
import dev.awb.api.metric.Metric;
import dev.awb.testkit.MetricContract;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test kit's metric contract, run by {@code awb plugin check} against an installed metric. Its known answers are
 * the plugin's own test class's to give: that check is reported as not run here; names, directions, NaN handling and
 * determinism are checked on seeded random evaluations.
 */
@ExtendWith(ContractRun.class)
class MetricContractCheck implements MetricContract {
    final ContractRun.PluginSubject subject;

    MetricContractCheck(ContractRun.PluginSubject subject) {
        this.subject = subject;
    }

    @Override
    public Metric metric() {
        return subject.as(Metric.class);
    }

    @Override
    public Params params() {
        return subject.params();
    }

    @Override
    public List<KnownAnswer> knownAnswers() {
        return null;
    }
}
