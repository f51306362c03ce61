package dev.awb.runtime.bench;

import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.runtime.experiment.ExperimentReader;
import dev.awb.runtime.experiment.ExperimentValidator;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.launch.PluginRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trial whose model the step workload trains: the experiment's first trial with its attention node switched to
 * the measured variant and that variant's heads set to the benchmark's.
 */
final class StepTrial {
    private StepTrial() {
    }

    /**
     * @throws IllegalArgumentException naming the variant and the installed ones when no such attention plugin exists
     */
    static Trial of(PluginRegistry registry, Path experiment, String variant, int heads) {
        Trial base = ExperimentValidator.validate(ExperimentReader.read(experiment), registry).trials().get(0);
        PluginDescriptor mechanism = mechanism(registry, variant);
        Params params = mechanism.id().equals(base.attention().plugin().id()) ? base.attention().params()
                : Params.defaults(mechanism.params());
        if (params.asMap().containsKey("heads")) {
            params = params.with("heads", heads);
        }
        Trial measured = base.withAttention(new ResolvedNode(base.attention().node(), mechanism, params));
        // The step workload is the reference's bidirectional encoder (PyTorch anchor workload B), which the PyTorch
        // mirror builds; a causal experiment (the quickstart) is measured without its mask, which costs one add.
        Params model = measured.model().params();
        return model.asMap().containsKey("causal") ? measured.withModel(new ResolvedNode(measured.model().node(),
                measured.model().plugin(), model.with("causal", false))) : measured;
    }

    /** The installed attention plugin {@code variant}. */
    static PluginDescriptor mechanism(PluginRegistry registry, String variant) {
        return registry.find(AttentionMechanism.KIND, variant).orElseThrow(() -> new IllegalArgumentException(
                "no attention plugin '" + variant + "'; available: " + registry.names(AttentionMechanism.KIND)));
    }

    /** What the PyTorch side needs to build {@code trial}'s model for sequences {@code length} long. */
    static CellSpec.StepModel describe(Trial trial, int length, int batch) {
        ResolvedNode data = TrainStepBench.stretched(trial, length, batch);
        TaskSpec task = data.as(SequenceDataset.class).spec(data.params());
        Params model = trial.model().params();
        return new CellSpec.StepModel(task.vocabSize(), task.numClasses(), task.target().name(), model.getInt("layers"),
                model.getInt("d_model"), model.getInt("ffn_multiplier"), model.getBoolean("causal"),
                trial.positional().plugin().name(), trial.pooling().plugin().name(), trial.optimizer().plugin().name(),
                new LinkedHashMap<>(trial.optimizer().params().asMap()), plain(trial.attention().params()));
    }

    private static Map<String, Object> plain(Params params) {
        return new LinkedHashMap<>(params.asMap());
    }
}
