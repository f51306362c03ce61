package dev.awb.runtime.train;

import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.Problem;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds each distinct trial graph once, without data, so that parameter combinations no single plugin can
 * judge alone (attention heads that do not divide the model width, a dataset length its own parameters
 * contradict) are reported with their node's position before any training starts.
 */
public final class GraphCheck {
    private GraphCheck() {
    }

    /** @throws ExperimentException naming the node whose parameter cannot work */
    public static void check(StudyPlan plan) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Trial trial : plan.trials()) {
            StringBuilder shape = new StringBuilder();
            for (ResolvedNode node : List.of(trial.dataset(), trial.attention(), trial.model(), trial.positional(),
                    trial.pooling())) {
                shape.append(node.plugin().id()).append('@').append(node.plugin().version()).append(node.params()).append('|');
            }
            trial.attentionSignals().forEach((source, node) -> shape.append(source).append('=')
                    .append(node.plugin().id()).append('@').append(node.plugin().version()).append(node.params()).append('|'));
            if (!seen.add(shape.toString())) {
                continue;
            }
            ResolvedNode blamed = trial.dataset();
            try {
                TaskSpec task = trial.dataset().as(SequenceDataset.class).spec(trial.dataset().params());
                blamed = trial.model();
                ModelGraph.build(trial, task, DataType.FLOAT);
            } catch (PluginConfigurationException e) {
                if (blamed == trial.model() && (trial.attention().params().asMap().containsKey(e.parameter())
                        || AttentionInputs.SIGNALS.equals(e.parameter()))) {
                    blamed = trial.attention();
                }
                for (ResolvedNode part : List.of(trial.positional(), trial.pooling())) {
                    if (blamed == trial.model() && plan.file().nodes().containsKey(part.node())
                            && part.params().asMap().containsKey(e.parameter())) {
                        blamed = part;
                    }
                }
                ExperimentFile.Node node = plan.file().nodes().get(blamed.node());
                problems.add(new Problem(node.location(), "node '" + node.name() + "': " + blamed.plugin().id() + ": "
                        + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
    }
}
