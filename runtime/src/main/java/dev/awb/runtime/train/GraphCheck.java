package dev.awb.runtime.train;

import dev.awb.api.PluginConfigurationException;
import dev.awb.api.attention.AttentionInputs;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.optimizer.TrainingBudget;
import dev.awb.runtime.experiment.ExperimentException;
import dev.awb.runtime.experiment.ExperimentFile;
import dev.awb.runtime.experiment.Problem;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.TrainerSettings;
import dev.awb.runtime.experiment.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds each distinct trial graph once, without data, so that parameter combinations no single plugin can
 * judge alone (attention heads that do not divide the model width, a dataset length its own parameters
 * contradict, an optimizer whose settings contradict each other or the run's length) are reported with their
 * node's position before any training starts.
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
                problems.add(problem(plan, blamed, e));
            }
        }
        if (problems.isEmpty()) {
            checkOptimizers(plan, problems);
        }
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
    }

    /**
     * Configures each distinct optimizer for its trial's real run length, so that settings that contradict each
     * other or the run (Nesterov without momentum, a warmup as long as the run, a step schedule that never decays)
     * fail here and not after the data is loaded. The run length needs the training split's size: each distinct
     * dataset is generated once, with the first seed.
     */
    private static void checkOptimizers(StudyPlan plan, List<Problem> problems) {
        Map<String, Integer> trainSizes = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Trial trial : plan.trials()) {
            String dataset = trial.dataset().plugin().id() + trial.dataset().params();
            TrainerSettings settings = trial.settings();
            if (!seen.add(dataset + "|" + trial.optimizer().plugin().id() + trial.optimizer().params() + "|" + settings)) {
                continue;
            }
            ResolvedNode blamed = trial.dataset();
            try {
                int examples = trainSizes.computeIfAbsent(dataset, d -> {
                    TaskData data = trial.dataset().as(SequenceDataset.class).generate(trial.dataset().params(),
                            trial.seed());
                    DatasetOutput.check(trial.dataset(), data);
                    return data.train().size();
                });
                if (settings.batch() > examples) {
                    problems.add(batchProblem(plan, settings.batch(), examples, trial.dataset().node()));
                    continue;
                }
                blamed = trial.optimizer();
                trial.optimizer().as(Optimizer.class).configure(trial.optimizer().params(),
                        TrainingBudget.of(examples, settings.batch(), settings.epochs()));
            } catch (PluginConfigurationException e) {
                problems.add(problem(plan, blamed, e));
            } catch (PluginOutputException e) {
                problems.add(new Problem(plan.file().nodes().get(trial.dataset().node()).location(), e.getMessage()));
            }
        }
    }

    /**
     * A training batch larger than the training split: every epoch would be one short batch, so the batch size the
     * file states is not the one trained with. Located at the trainer's {@code batch} value.
     */
    private static Problem batchProblem(StudyPlan plan, int batch, int examples, String dataset) {
        ExperimentFile.Node trainer = plan.file().nodes().values().stream()
                .filter(n -> n.uses().stream().anyMatch(u -> TrainerSettings.USE.equals(String.valueOf(u.value()))))
                .findFirst().orElseThrow();
        ExperimentFile.Value value = trainer.with().get("batch");
        return new Problem(value != null ? value.location() : trainer.location(), "node '" + trainer.name() + "': batch "
                + batch + " is larger than the training split of dataset '" + dataset + "' (" + examples
                + " examples); lower batch to at most " + examples + " or give the dataset more training examples");
    }

    private static Problem problem(StudyPlan plan, ResolvedNode blamed, PluginConfigurationException e) {
        ExperimentFile.Node node = plan.file().nodes().get(blamed.node());
        return new Problem(node.location(), "node '" + node.name() + "': " + blamed.plugin().id() + ": " + e.getMessage());
    }
}
