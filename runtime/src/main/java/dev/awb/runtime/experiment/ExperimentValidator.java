package dev.awb.runtime.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.metric.Metric;
import dev.awb.api.model.ModelArchitecture;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import dev.awb.runtime.launch.PluginDescriptor;
import dev.awb.runtime.launch.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks an experiment file against the live plugins and expands it into trials, before any compute.
 *
 * <p>Every problem is collected with its file position: unknown plugins (with the available names), unknown
 * or ill-typed parameters, dangling inputs, cycles, and nodes wired to the wrong kind. The graph's roles
 * are found by kind: one {@code trainer} node reads a model, a dataset and an optimizer; the model reads a
 * dataset and an attention node, and optionally a positional and a pooling node (else the defaults
 * {@code positional/sinusoidal} and {@code pooling/mean}, recorded in the trial's configuration); the attention
 * node may read the dataset, whose context then becomes its interaction signal; every metric node is evaluated.
 */
public final class ExperimentValidator {
    private static final Set<String> KINDS = Set.of(AttentionMechanism.KIND, SequenceDataset.KIND, Optimizer.KIND,
            Metric.KIND, ModelArchitecture.KIND, PositionalEncoding.KIND, Pooling.KIND);
    /** The plugins a model gets when its node lists no positional or pooling node. */
    private static final Map<String, String> DEFAULT_PARTS = Map.of(PositionalEncoding.KIND, "sinusoidal",
            Pooling.KIND, "mean");
    /** The kinds whose nodes read other nodes through {@code inputs:}. */
    private static final Set<String> READERS = Set.of(TrainerSettings.USE, ModelArchitecture.KIND,
            AttentionMechanism.KIND);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final PluginRegistry registry;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> kinds = new LinkedHashMap<>();
    private final Map<String, List<ResolvedNode>> resolved = new LinkedHashMap<>();
    private final Path directory;

    private ExperimentValidator(PluginRegistry registry, Path directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /**
     * Validates {@code file} and expands it into trials: one per point of its sweep (and tuning budget) and
     * seed.
     *
     * @throws ExperimentException listing every problem found (each once, however many points share it)
     */
    public static StudyPlan validate(ExperimentFile file, PluginRegistry registry) {
        List<Problem> sweepProblems = new ArrayList<>();
        Sweep sweep = new Sweep(file, sweepProblems);
        if (!sweepProblems.isEmpty()) {
            throw new ExperimentException(sweepProblems);
        }
        sweep.checkCount(file.seeds().size());
        Set<Problem> problems = new LinkedHashSet<>();
        List<Trial> trials = new ArrayList<>();
        Map<String, Map<String, String>> seen = new LinkedHashMap<>();
        Path parent = file.path() == null ? null : file.path().toAbsolutePath().getParent();
        DataFingerprints fingerprints = new DataFingerprints();
        for (Sweep.Point point : sweep.points()) {
            ExperimentValidator validator = new ExperimentValidator(registry, parent);
            ExperimentFile concrete = sweep.apply(point);
            Roles roles = validator.check(concrete);
            problems.addAll(validator.problems);
            if (roles == null) {
                continue;
            }
            for (long seed : file.seeds()) {
                Trial trial;
                try {
                    trial = trial(concrete, roles, trials.size() + 1, point.labels(), seed, fingerprints);
                } catch (DataFingerprints.Unreadable e) {
                    problems.add(new Problem(paramLocation(concrete, e.node(), e.param()), "node '" + e.node()
                            + "': " + e.param() + ": " + e.getMessage()));
                    break;
                }
                Map<String, String> before = seen.putIfAbsent(trial.id(), point.labels());
                if (before != null) {
                    problems.add(new Problem(file.location(), "sweep points " + before + " and " + point.labels()
                            + " resolve to the same configuration; remove one"));
                    continue;
                }
                trials.add(trial);
            }
        }
        List<Problem> specProblems = new ArrayList<>();
        StudySpec spec = StudySpec.of(file, specProblems);
        if (!problems.isEmpty() || !specProblems.isEmpty()) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(specProblems);
            throw new ExperimentException(all);
        }
        return new StudyPlan(file, trials, StudySpec.summary(file, trials.size()), spec);
    }

    /** Where {@code param} of {@code node} is written in {@code file}, else where the node is. */
    private static Location paramLocation(ExperimentFile file, String node, String param) {
        ExperimentFile.Node written = file.nodes().get(node);
        if (written == null) {
            return file.location();
        }
        ExperimentFile.Value value = written.with().get(param);
        return value != null ? value.location() : written.location();
    }

    /** Binds and checks one concrete experiment (no sweep left); returns its roles, or null with problems. */
    private Roles check(ExperimentFile file) {
        file.nodes().values().forEach(this::bind);
        file.nodes().values().forEach(node -> checkInputs(file, node));
        file.nodes().values().forEach(this::checkTakesInputs);
        checkCycles(file);
        Roles roles = problems.isEmpty() ? roles(file) : null;
        return problems.isEmpty() ? roles : null;
    }

    /** Resolves a node's plugins and parameters. */
    private void bind(ExperimentFile.Node node) {
        List<ResolvedNode> plugins = new ArrayList<>();
        for (ExperimentFile.Value use : node.uses()) {
            String text = String.valueOf(use.value());
            if (TrainerSettings.USE.equals(text)) {
                kinds.put(node.name(), TrainerSettings.USE);
                Params params = ParamBinder.bind(node.name(), TrainerSettings.USE, TrainerSettings.PARAMS, node.with(), directory, problems);
                plugins.add(new ResolvedNode(node.name(), null, params));
                continue;
            }
            int slash = text.indexOf('/');
            String kind = slash < 0 ? text : text.substring(0, slash);
            String name = slash < 0 ? "" : text.substring(slash + 1);
            if (!KINDS.contains(kind) || name.isEmpty()) {
                problems.add(new Problem(use.location(), "node '" + node.name() + "': '" + text
                        + "' is not KIND/NAME with KIND one of " + KINDS.stream().sorted().toList() + ", or 'trainer'"));
                continue;
            }
            var plugin = find(node, use, kind, name);
            if (plugin.isEmpty()) {
                continue;
            }
            kinds.put(node.name(), kind);
            Map<String, ExperimentFile.Value> with = node.uses().size() == 1 ? node.with() : Map.of();
            plugins.add(new ResolvedNode(node.name(), plugin.get(),
                    ParamBinder.bind(node.name(), plugin.get().id(), plugin.get().params(), with, directory, problems)));
        }
        if (node.uses().size() > 1) {
            if (!node.with().isEmpty()) {
                problems.add(new Problem(node.location(), "node '" + node.name()
                        + "' uses several plugins, so it cannot take 'with'; give each its own node"));
            }
            plugins.stream().filter(p -> p.plugin() == null || !Metric.KIND.equals(p.plugin().kind())).findFirst()
                    .ifPresent(p -> problems.add(new Problem(node.location(), "node '" + node.name()
                            + "': only metric nodes may use a list of plugins")));
        }
        resolved.put(node.name(), plugins);
    }

    /**
     * The plugin {@code kind/NAME} or {@code kind/NAME@VERSION} (exactly that bundle version; without one the
     * highest installed), or empty with the problem recorded: unknown name with the available names, unknown
     * version with the installed versions.
     */
    private java.util.Optional<PluginDescriptor> find(ExperimentFile.Node node, ExperimentFile.Value use, String kind,
            String nameAndVersion) {
        int at = nameAndVersion.indexOf('@');
        String name = at < 0 ? nameAndVersion : nameAndVersion.substring(0, at);
        var plugin = registry.find(kind, name);
        if (plugin.isEmpty()) {
            List<String> available = registry.names(kind);
            problems.add(new Problem(use.location(), "node '" + node.name() + "': no " + kind + " plugin '" + name
                    + "'" + Suggestions.didYouMean(name, available) + "; available: " + available));
            return plugin;
        }
        if (at < 0) {
            return plugin;
        }
        String version = nameAndVersion.substring(at + 1);
        List<String> versions = registry.versions(kind, name);
        try {
            plugin = registry.find(kind, name, version);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(use.location(), "node '" + node.name() + "': '" + version + "' in '" + kind + "/"
                    + nameAndVersion + "' is not a version (MAJOR.MINOR.MICRO); installed versions of " + kind + "/"
                    + name + ": " + versions));
            return java.util.Optional.empty();
        }
        if (plugin.isEmpty()) {
            problems.add(new Problem(use.location(), "node '" + node.name() + "': " + kind + "/" + name
                    + " has no version " + version + "; installed versions: " + versions));
        }
        return plugin;
    }

    private void checkInputs(ExperimentFile file, ExperimentFile.Node node) {
        for (ExperimentFile.Value input : node.inputs()) {
            String name = String.valueOf(input.value());
            if (name.equals(node.name())) {
                problems.add(new Problem(input.location(), "node '" + node.name() + "' lists itself as an input"));
            } else if (!file.nodes().containsKey(name)) {
                problems.add(new Problem(input.location(), "node '" + node.name() + "': input '" + name
                        + "' is not a node of this graph" + Suggestions.didYouMean(name, file.nodes().keySet())
                        + "; nodes: " + List.copyOf(file.nodes().keySet())));
            }
        }
    }

    /**
     * Only the trainer, model and attention nodes read other nodes; {@code inputs:} anywhere else would be ignored,
     * which hides a wiring mistake, so it is refused.
     */
    private void checkTakesInputs(ExperimentFile.Node node) {
        String kind = kinds.get(node.name());
        if (kind == null || node.inputs().isEmpty() || READERS.contains(kind)) {
            return;
        }
        String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
        problems.add(new Problem(node.inputs().get(0).location(), "node '" + node.name() + "': " + article + kind
                + " node takes no inputs, found " + node.inputs().stream().map(v -> String.valueOf(v.value())).toList()
                + "; only " + READERS.stream().sorted().toList() + " nodes read other nodes"));
    }

    private void checkCycles(ExperimentFile file) {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String name : file.nodes().keySet()) {
            visit(file, name, state, new ArrayList<>());
        }
    }

    private void visit(ExperimentFile file, String name, Map<String, Integer> state, List<String> path) {
        ExperimentFile.Node node = file.nodes().get(name);
        if (node == null || state.getOrDefault(name, 0) == 2) {
            return;
        }
        path.add(name);
        if (state.getOrDefault(name, 0) == 1) {
            problems.add(new Problem(node.location(), "nodes form a cycle: " + String.join(" -> ", path)));
            path.remove(path.size() - 1);
            return;
        }
        state.put(name, 1);
        for (ExperimentFile.Value input : node.inputs()) {
            String next = String.valueOf(input.value());
            if (!next.equals(name)) {
                visit(file, next, state, path);
            }
        }
        state.put(name, 2);
        path.remove(path.size() - 1);
    }

    /** The nodes playing each role. */
    private record Roles(ResolvedNode trainer, ResolvedNode model, ResolvedNode dataset, ResolvedNode attention,
            Map<String, ResolvedNode> attentionSignals, ResolvedNode positional, ResolvedNode pooling, ResolvedNode optimizer,
            List<ResolvedNode> metrics) {
    }

    private Roles roles(ExperimentFile file) {
        List<ExperimentFile.Node> trainers = file.nodes().values().stream()
                .filter(n -> TrainerSettings.USE.equals(kinds.get(n.name()))).toList();
        if (trainers.size() != 1) {
            problems.add(new Problem(trainers.isEmpty() ? file.location() : trainers.get(1).location(),
                    "the graph needs exactly one node with 'use: trainer', found " + trainers.size()));
            return null;
        }
        ExperimentFile.Node trainer = trainers.get(0);
        Map<String, ExperimentFile.Node> trainerInputs = inputsByKind(file, trainer,
                List.of(ModelArchitecture.KIND, SequenceDataset.KIND, Optimizer.KIND));
        ExperimentFile.Node model = trainerInputs.get(ModelArchitecture.KIND);
        if (model == null || trainerInputs.size() < 3) {
            return null;
        }
        Map<String, ExperimentFile.Node> modelInputs = inputsByKind(file, model,
                List.of(SequenceDataset.KIND, AttentionMechanism.KIND), List.of(PositionalEncoding.KIND, Pooling.KIND));
        if (!modelInputs.containsKey(SequenceDataset.KIND) || !modelInputs.containsKey(AttentionMechanism.KIND)) {
            return null;
        }
        ResolvedNode positional = part(modelInputs, PositionalEncoding.KIND, model);
        ResolvedNode pooling = part(modelInputs, Pooling.KIND, model);
        if (!modelInputs.get(SequenceDataset.KIND).name().equals(trainerInputs.get(SequenceDataset.KIND).name())) {
            problems.add(new Problem(model.location(), "node '" + model.name() + "' reads dataset '"
                    + modelInputs.get(SequenceDataset.KIND).name() + "' but node '" + trainer.name() + "' trains on '"
                    + trainerInputs.get(SequenceDataset.KIND).name() + "'"));
        }
        List<ResolvedNode> metrics = file.nodes().keySet().stream().filter(n -> Metric.KIND.equals(kinds.get(n)))
                .flatMap(n -> resolved.get(n).stream()).toList();
        Map<String, ResolvedNode> signals = signals(modelInputs.get(AttentionMechanism.KIND),
                trainerInputs.get(SequenceDataset.KIND));
        return new Roles(one(trainer), one(model), one(trainerInputs.get(SequenceDataset.KIND)),
                one(modelInputs.get(AttentionMechanism.KIND)), signals, positional, pooling,
                one(trainerInputs.get(Optimizer.KIND)), metrics);
    }

    /** The model's {@code kind} input node, or the default plugin of that kind under the node name "(default)". */
    private ResolvedNode part(Map<String, ExperimentFile.Node> modelInputs, String kind, ExperimentFile.Node model) {
        if (modelInputs.containsKey(kind)) {
            return one(modelInputs.get(kind));
        }
        String name = DEFAULT_PARTS.get(kind);
        var plugin = registry.find(kind, name);
        if (plugin.isEmpty()) {
            problems.add(new Problem(model.location(), "node '" + model.name() + "' lists no " + kind + " node and the "
                    + "default, " + kind + "/" + name + ", is not installed; available: " + registry.names(kind)));
            return null;
        }
        return new ResolvedNode("(default)", plugin.get(), Params.defaults(plugin.get().params()));
    }

    /**
     * The interaction signal sources of the attention node, from its {@code inputs:}, with the node giving each:
     * the dataset the trainer trains on gives its context ({@link dev.awb.api.model.ModelInputs#DATASET_CONTEXT});
     * a pooling node gives its pooling of the model's embedded input, under the node's name.
     */
    private Map<String, ResolvedNode> signals(ExperimentFile.Node attention, ExperimentFile.Node dataset) {
        Map<String, ResolvedNode> signals = new LinkedHashMap<>();
        for (ExperimentFile.Value input : attention.inputs()) {
            String name = String.valueOf(input.value());
            String kind = kinds.get(name);
            if (Pooling.KIND.equals(kind)) {
                List<ResolvedNode> pooling = resolved.get(name);
                if (pooling != null && !pooling.isEmpty()) {
                    signals.put(name, pooling.get(0));
                }
            } else if (!SequenceDataset.KIND.equals(kind)) {
                problems.add(new Problem(input.location(), "node '" + attention.name() + "': input '" + name + "' is a "
                        + kind + " node, but an attention node takes signals from " + List.of(SequenceDataset.KIND,
                        Pooling.KIND) + " nodes"));
            } else if (!name.equals(dataset.name())) {
                problems.add(new Problem(input.location(), "node '" + attention.name() + "' reads the context of dataset '"
                        + name + "' but the model is trained on '" + dataset.name() + "'"));
            } else {
                signals.putIfAbsent(dev.awb.api.model.ModelInputs.DATASET_CONTEXT, one(dataset));
            }
        }
        return signals;
    }

    /** The inputs of {@code node}, one per expected kind; reports missing, extra and mismatched inputs. */
    private Map<String, ExperimentFile.Node> inputsByKind(ExperimentFile file, ExperimentFile.Node node,
            List<String> expected) {
        return inputsByKind(file, node, expected, List.of());
    }

    /** Like {@link #inputsByKind(ExperimentFile, ExperimentFile.Node, List)}, also accepting {@code optional} kinds. */
    private Map<String, ExperimentFile.Node> inputsByKind(ExperimentFile file, ExperimentFile.Node node,
            List<String> expected, List<String> optional) {
        List<String> accepted = new ArrayList<>(expected);
        accepted.addAll(optional);
        Map<String, ExperimentFile.Node> found = new LinkedHashMap<>();
        for (ExperimentFile.Value input : node.inputs()) {
            String name = String.valueOf(input.value());
            String kind = kinds.get(name);
            if (!accepted.contains(kind)) {
                problems.add(new Problem(input.location(), "node '" + node.name() + "': input '" + name + "' is a "
                        + kind + " node, but '" + node.name() + "' takes " + accepted));
            } else if (found.put(kind, file.nodes().get(name)) != null) {
                problems.add(new Problem(input.location(), "node '" + node.name() + "': more than one " + kind
                        + " input ('" + found.get(kind).name() + "' and '" + name + "')"));
            }
        }
        for (String kind : expected) {
            if (!found.containsKey(kind)) {
                problems.add(new Problem(node.location(), "node '" + node.name() + "' needs a " + kind
                        + " node among its inputs; inputs: " + node.inputs().stream().map(ExperimentFile.Value::value).toList()));
            }
        }
        return found;
    }

    private ResolvedNode one(ExperimentFile.Node node) {
        return resolved.get(node.name()).get(0);
    }

    private static Trial trial(ExperimentFile file, Roles roles, int index, Map<String, String> labels, long seed,
            DataFingerprints fingerprints) {
        Map<String, Object> config = new TreeMap<>();
        config.put("experiment", file.name());
        config.put("seed", seed);
        config.put("trainer", roles.trainer().params().asMap());
        for (ResolvedNode node : List.of(roles.dataset(), roles.attention(), roles.model(), roles.optimizer())) {
            config.put(node.node(), describe(node));
        }
        config.put("model_parts", Map.of(PositionalEncoding.KIND, describePart(roles.positional()),
                Pooling.KIND, describePart(roles.pooling())));
        config.put("metrics", roles.metrics().stream().map(ExperimentValidator::describe).toList());
        if (!roles.attentionSignals().isEmpty()) {
            config.put("attention_signals", List.copyOf(roles.attentionSignals().keySet()));
            Map<String, Object> poolings = new TreeMap<>();
            roles.attentionSignals().forEach((source, node) -> {
                if (Pooling.KIND.equals(node.plugin().kind())) {
                    poolings.put(source, describePart(node));
                }
            });
            if (!poolings.isEmpty()) {
                config.put("signal_poolings", poolings);
            }
        }
        List<ResolvedNode> nodes = new java.util.ArrayList<>(List.of(roles.dataset(), roles.attention(), roles.model(),
                roles.positional(), roles.pooling(), roles.optimizer()));
        nodes.addAll(roles.metrics());
        nodes.addAll(roles.attentionSignals().values());
        // The data files' content is part of the trial's identity (issue 13): new content, new trials.
        Map<String, String> data = fingerprints.of(nodes);
        if (!data.isEmpty()) {
            config.put("data_sha256", data);
        }
        String json;
        try {
            json = JSON.writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Trial(index, labels, seed, roles.dataset(), roles.attention(), roles.attentionSignals(), roles.model(),
                roles.positional(), roles.pooling(), roles.optimizer(), roles.metrics(), roles.trainer().params(), json, sha256(json).substring(0, 16));
    }

    /** A model part: its node (or "(default)") and plugin. */
    private static Map<String, Object> describePart(ResolvedNode node) {
        Map<String, Object> map = describe(node);
        map.put("node", node.node());
        return map;
    }

    private static Map<String, Object> describe(ResolvedNode node) {
        PluginDescriptor plugin = node.plugin();
        Map<String, Object> map = new TreeMap<>();
        map.put("use", plugin.id());
        map.put("bundle", plugin.bundle() + "@" + plugin.version());
        map.put("with", new TreeMap<>(node.params().asMap()));
        return map;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
