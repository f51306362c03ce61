package dev.awb.runtime.bench;

import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.optimizer.TrainingBudget;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.train.Batches;
import dev.awb.runtime.train.ModelGraph;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * One optimizer step (forward, backward, update) of a trial's model on one minibatch, with the trial's dataset
 * stretched to a given sequence length.
 */
final class TrainStepBench {
    private TrainStepBench() {
    }

    /** {@code trial}'s dataset node with its sequences {@code length} long and just one batch of training data. */
    static ResolvedNode stretched(Trial trial, int length, int batch) {
        ResolvedNode data = trial.dataset();
        return new ResolvedNode(data.node(), data.plugin(), data.params().with("length", length)
                .with("train_size", batch).with("validation_size", 1).with("test_size", 1));
    }

    static Workload prepare(Trial trial, int length, int batch) {
        ResolvedNode data = trial.dataset();
        ResolvedNode stretched = stretched(trial, length, batch);
        Trial sized = trial.withDataset(stretched);
        TaskData task = stretched.as(SequenceDataset.class).generate(stretched.params(), trial.seed());
        ModelGraph graph = ModelGraph.build(sized, task.spec(), DataType.FLOAT);
        // The schedule follows the trial's real run length where the dataset states it; it does not change what
        // one step costs.
        int examples = data.params().asMap().get("train_size") instanceof Number n ? n.intValue() : batch;
        TrainingBudget budget = TrainingBudget.of(examples, trial.settings().batch(), trial.settings().epochs());
        graph.prepareTraining(trial.optimizer().as(Optimizer.class).configure(trial.optimizer().params(), budget));
        MultiDataSet minibatch = new Batches(task.train(), task.spec(), DataType.FLOAT)
                .batch(IntStream.range(0, batch).toArray());
        return new Workload(() -> graph.sd().fit(minibatch), graph.parameterCount());
    }
}
