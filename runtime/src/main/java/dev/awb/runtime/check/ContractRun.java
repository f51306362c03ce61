package dev.awb.runtime.check;

import dev.awb.api.Configurable;
import dev.awb.api.Params;
import dev.awb.api.attention.AttentionMechanism;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.metric.Metric;
import dev.awb.api.optimizer.Optimizer;
import dev.awb.api.pooling.Pooling;
import dev.awb.api.positional.PositionalEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a kind's contract from the test kit (attention, dataset, metric, optimizer, pooling, positional) against a live plugin object with the JUnit Platform Launcher, exactly
 * the tests a plugin's own test class runs at build time, and turns each test into a report row.
 *
 * <p>JUnit instantiates test classes itself, so the plugin object reaches the check class through a
 * {@link ParameterResolver}: the run registers its {@link Subject} under a fresh key, passes the key as a
 * configuration parameter and removes it afterwards; concurrent runs do not see each other's subjects.
 */
public final class ContractRun implements ParameterResolver {
    private static final String KEY = "awb.check.subject";
    private static final Map<String, Object> SUBJECTS = new ConcurrentHashMap<>();

    /**
     * What the contract runs against: the plugin, parameter values overriding its defaults, and (for a
     * mechanism whose forward pass is piecewise constant) the values that select its differentiable relaxation;
     * with a relaxation the {@link dev.awb.testkit.PiecewiseConstantAttentionContract} runs; and the length of the
     * interaction signal to wire (0: none), for mechanisms that need one.
     */
    public record Subject(AttentionMechanism mechanism, Map<String, Object> with, Map<String, Object> relaxation,
            int signalLength) {
        /** The plugin's defaults, overridden by {@link #with()}, with {@code heads} set if declared. */
        Params params(int heads) {
            Params params = Params.defaults(mechanism.params());
            for (Map.Entry<String, Object> entry : with.entrySet()) {
                params = params.with(entry.getKey(), entry.getValue());
            }
            return params.asMap().containsKey("heads") ? params.with("heads", heads) : params;
        }

        /** {@link #params(int)} overridden by {@link #relaxation()}. */
        Params relaxationParams(int heads) {
            Params params = params(heads);
            for (Map.Entry<String, Object> entry : relaxation.entrySet()) {
                params = params.with(entry.getKey(), entry.getValue());
            }
            return params;
        }
    }

    /**
     * What the dataset contract runs against: the plugin and parameter values overriding its defaults (a file dataset
     * needs its files named, e.g. {@code --with train=data.csv}).
     */
    public record DatasetSubject(SequenceDataset dataset, Map<String, Object> with) {
        /** The plugin's defaults, overridden by {@link #with()}. */
        Params params() {
            Params params = Params.defaults(dataset.params());
            for (Map.Entry<String, Object> entry : with.entrySet()) {
                params = params.with(entry.getKey(), entry.getValue());
            }
            return params;
        }
    }

    /**
     * What the contract of a kind other than attention runs against: the plugin and parameter values overriding its
     * defaults (a file dataset needs its files named, e.g. {@code --with train=data.csv}).
     */
    public record PluginSubject(Configurable plugin, Map<String, Object> with) {
        /** The plugin's defaults, overridden by {@link #with()}. */
        Params params() {
            Params params = Params.defaults(plugin.params());
            for (Map.Entry<String, Object> entry : with.entrySet()) {
                params = params.with(entry.getKey(), entry.getValue());
            }
            return params;
        }

        /** The plugin as its kind's interface. */
        <T> T as(Class<T> kind) {
            return kind.cast(plugin);
        }
    }

    /** The kinds with a contract besides attention, and the check class that runs it. */
    private static final Map<Class<?>, Class<?>> CHECKS = Map.of(
            SequenceDataset.class, DatasetContractCheck.class,
            Metric.class, MetricContractCheck.class,
            Optimizer.class, OptimizerContractCheck.class,
            Pooling.class, PoolingContractCheck.class,
            PositionalEncoding.class, PositionalContractCheck.class);

    /**
     * The rows of the contract of {@code kind} for plugin {@code id}, one per contract test; empty when the test kit
     * has no contract for the kind.
     */
    static List<PluginCheck.Row> of(Class<?> kind, String id, PluginSubject subject) {
        Class<?> check = CHECKS.get(kind);
        return check == null ? List.of() : run(id, check, subject);
    }

    /** The attention contract's rows for plugin {@code id}: one per contract test, named after it. */
    static List<PluginCheck.Row> attention(String id, Subject subject) {
        Class<?> contract = subject.relaxation().isEmpty() ? AttentionContractCheck.class
                : PiecewiseConstantAttentionContractCheck.class;
        return run(id, contract, subject);
    }

    private static List<PluginCheck.Row> run(String id, Class<?> contract, Object subject) {
        String key = UUID.randomUUID().toString();
        SUBJECTS.put(key, subject);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(contract))
                    .configurationParameter(KEY, key)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            Rows rows = new Rows(id);
            Launcher launcher = LauncherFactory.create();
            dev.awb.runtime.train.MutedStdout.run(() -> launcher.execute(request, rows));
            return rows.rows;
        } finally {
            SUBJECTS.remove(key);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Subject.class || type == PluginSubject.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String key = context.getConfigurationParameter(KEY).orElseThrow(() ->
                new IllegalStateException("the contract check classes run only through ContractRun"));
        return parameter.getParameter().getType().cast(SUBJECTS.get(key));
    }

    /** Collects one row per finished test, with its time and, for a failure, the assertion message. */
    private static final class Rows implements TestExecutionListener {
        private final String id;
        private final Map<String, Long> started = new HashMap<>();
        final List<PluginCheck.Row> rows = new ArrayList<>();

        Rows(String id) {
            this.id = id;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            started.put(test.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            long millis = (System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime())) / 1_000_000;
            String name = id + " contract: " + test.getDisplayName().replace("()", "");
            if (!test.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    rows.add(new PluginCheck.Row(name, false, message(result), millis));
                }
                return;
            }
            if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
                // An assumption the check cannot meet (e.g. cases only the plugin's own test class supplies).
                rows.add(new PluginCheck.Row(name, PluginCheck.Result.NOT_RUN,
                        result.getThrowable().map(Throwable::getMessage).orElse("aborted"), millis));
                return;
            }
            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            rows.add(new PluginCheck.Row(name, passed, passed ? "" : message(result), millis));
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            rows.add(new PluginCheck.Row(id + " contract: " + test.getDisplayName().replace("()", ""),
                    PluginCheck.Result.NOT_RUN, "skipped: " + reason, 0));
        }

        private static String message(TestExecutionResult result) {
            return result.getThrowable().map(t -> {
                Throwable root = t;
                while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
                    root = root.getCause();
                }
                String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
                return root.getClass().getSimpleName() + ": " + message;
            }).orElse(result.getStatus().toString());
        }
    }
}
