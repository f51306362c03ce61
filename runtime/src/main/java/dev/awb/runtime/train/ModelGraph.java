package dev.awb.runtime.train;

import dev.awb.api.GraphContext;
import dev.awb.api.LossTerm;
import dev.awb.api.Part;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.TaskSpec;
import dev.awb.api.model.ModelArchitecture;
import dev.awb.api.model.ModelInputs;
import dev.awb.api.model.ModelOutput;
import dev.awb.api.optimizer.OptimizerSetup;
import dev.awb.runtime.experiment.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The SameDiff graph of one trial: placeholders, the model plugin's network around the attention plugin,
 * class probabilities and a masked cross-entropy loss.
 *
 * <p>The loss is computed here rather than read from SameDiff's listeners because {@code fit()} reports 0
 * in 1.0.0-M2.1. Positions with weight 0 (padding, unscored tokens) do not count. Loss terms that plugins
 * registered ({@link dev.awb.api.LossTerm}, e.g. REINFORCE's surrogate) receive each example's mean loss over its
 * scored positions and become further loss variables: training differentiates their sum with the task loss, while
 * {@link #LOSS}, the reported loss, stays the task loss.
 */
public final class ModelGraph {
    public static final String TOKENS = "tokens";
    public static final String PADDING_MASK = "padding_mask";
    /** Placeholder of the examples' context token ids, present only when the task has a context. */
    public static final String CONTEXT = "context";
    public static final String LABELS = "labels";
    public static final String LABEL_WEIGHTS = "label_weights";
    public static final String PROBABILITIES = "probabilities";
    public static final String LOSS = "loss";
    /** Cross-entropy of each target position, [batch·targets]; 0-weight positions included. */
    public static final String POSITION_LOSS = "position_loss";

    private final SameDiff sd;
    private final TaskSpec task;
    private final ModelOutput output;

    private ModelGraph(SameDiff sd, TaskSpec task, ModelOutput output) {
        this.sd = sd;
        this.task = task;
        this.output = output;
    }

    /**
     * Builds the graph of {@code trial} for {@code task}.
     *
     * @throws dev.awb.api.PluginConfigurationException if the model or attention parameters cannot work
     */
    public static ModelGraph build(Trial trial, TaskSpec task, DataType type) {
        SameDiff sd = SameDiff.create();
        GraphContext context = new GraphContext(sd, type, trial.seed());
        int length = task.length();
        SDVariable tokens = sd.placeHolder(TOKENS, DataType.INT32, -1, length);
        SDVariable mask = sd.placeHolder(PADDING_MASK, type, -1, length);
        SDVariable taskContext = task.hasContext() ? sd.placeHolder(CONTEXT, DataType.INT32, -1, task.contextLength()) : null;
        ModelOutput output = trial.model().as(ModelArchitecture.class).build(context,
                new ModelInputs(task, tokens, mask, taskContext, part(trial.attention(), AttentionMechanism.class),
                        List.copyOf(trial.attentionSignals().keySet()), part(trial.positional(), PositionalEncoding.class),
                        part(trial.pooling(), Pooling.class), signalPoolings(trial)), trial.model().params());

        int classes = task.numClasses();
        int targets = task.target() == TaskSpec.Target.TOKEN ? length : 1;
        SDVariable logits = sd.reshape(output.logits(), -1, classes);
        sd.nn.softmax(PROBABILITIES, logits, 1);
        SDVariable labels = sd.placeHolder(LABELS, DataType.INT32, -1, targets);
        SDVariable weights = sd.reshape(sd.placeHolder(LABEL_WEIGHTS, type, -1, targets), -1);
        SDVariable truth = sd.oneHot(sd.reshape(labels, -1), classes, -1, 1.0, 0.0, type);
        SDVariable perPosition = sd.sum(sd.nn.logSoftmax(logits).mul(truth), 1).neg(POSITION_LOSS);
        SDVariable loss = sd.sum(perPosition.mul(weights)).div(LOSS, sd.sum(weights).add(1e-8));
        List<String> losses = new ArrayList<>(List.of(loss.name()));
        if (!context.lossTerms().isEmpty()) {
            SDVariable exampleWeights = sd.reshape(weights, -1, targets);
            SDVariable perExample = sd.sum(sd.reshape(perPosition, -1, targets).mul(exampleWeights), 1)
                    .div(sd.sum(exampleWeights, 1).add(1e-8));
            for (LossTerm term : context.lossTerms()) {
                losses.add(term.term(perExample).name());
            }
        }
        sd.setLossVariables(losses.toArray(String[]::new));
        return new ModelGraph(sd, task, output);
    }

    /** The pooling nodes among the attention node's signal sources, by source name. */
    private static Map<String, Part<Pooling>> signalPoolings(Trial trial) {
        Map<String, Part<Pooling>> poolings = new LinkedHashMap<>();
        trial.attentionSignals().forEach((source, node) -> {
            if (Pooling.KIND.equals(node.plugin().kind())) {
                poolings.put(source, part(node, Pooling.class));
            }
        });
        return poolings;
    }

    private static <T> Part<T> part(ResolvedNode node, Class<T> kind) {
        return new Part<>(node.as(kind), node.params());
    }

    /**
     * Makes the graph trainable with {@code optimizer}'s updater (clipped when it asks), and regularization: the
     * feature/label mapping of {@link Batches}, the loss probe that makes each step report its real loss, and the
     * gradient function (built once, quietly).
     */
    public void prepareTraining(OptimizerSetup optimizer) {
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(optimizer.clippedUpdater())
                .regularization(optimizer.regularization())
                .dataSetFeatureMapping(task.hasContext() ? List.of(TOKENS, PADDING_MASK, CONTEXT) : List.of(TOKENS, PADDING_MASK))
                .dataSetLabelMapping(LABELS, LABEL_WEIGHTS)
                .trainEvaluation(LOSS, 0, LossCapture.probe())
                .build());
        MutedStdout.run(sd::createGradFunction);
        OpProfile profile = OpProfile.ifRequested(task.length() + " positions, " + sd.getVariables().size() + " variables");
        if (profile != null) {
            sd.addListeners(profile);
        }
    }

    /**
     * Runs one training step per batch, all in one SameDiff training session so that the session reuses its arrays
     * from step to step (see {@link EpochBatches}), then collects the garbage the session left; {@link
     * #prepareTraining} must have been called.
     *
     * @param listeners called in this order, after the graph's own listeners
     */
    public void fit(Iterator<? extends MultiDataSet> batches, Listener... listeners) {
        sd.fit(new EpochBatches(batches), 1, listeners);
        // The finished session's array cache (hundreds of MB at T=128) is native memory that ND4J frees only when the
        // GC collects its Java handles, and the heap hardly grows meanwhile: without a collection here each call left
        // one dead cache resident (OpProfile's trace grew by 60-150 MB per call; with it, flat).
        System.gc();
    }

    /**
     * This graph with the weights and optimizer state of a checkpoint written by {@link Checkpoints}; the
     * checkpoint must come from a graph built for the same trial.
     */
    public ModelGraph restore(java.nio.file.Path checkpoint) {
        SameDiff[] loaded = new SameDiff[1];
        MutedStdout.run(() -> loaded[0] = SameDiff.load(checkpoint.toFile(), true));
        SameDiff restored = loaded[0];
        ModelOutput mapped = new ModelOutput(restored.getVariable(output.logits().name()),
                output.attentionWeights().stream().map(v -> restored.getVariable(v.name())).toList());
        return new ModelGraph(restored, task, mapped);
    }

    /** The placeholder values of a batch from {@link Batches}: features and labels by placeholder name. */
    public Map<String, INDArray> feed(MultiDataSet batch) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(TOKENS, batch.getFeatures(0));
        feed.put(PADDING_MASK, batch.getFeatures(1));
        if (task.hasContext()) {
            feed.put(CONTEXT, batch.getFeatures(2));
        }
        feed.put(LABELS, batch.getLabels(0));
        feed.put(LABEL_WEIGHTS, batch.getLabels(1));
        return feed;
    }

    public SameDiff sd() {
        return sd;
    }

    public TaskSpec task() {
        return task;
    }

    /** The attention weight variables, one per layer. */
    public List<SDVariable> attentionWeights() {
        return output.attentionWeights();
    }

    /** The number of trainable scalars. */
    public long parameterCount() {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length()).sum();
    }
}
