package dev.awb.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awb.api.Params;
import dev.awb.api.metric.Evaluation;
import dev.awb.api.metric.Metric;
import dev.awb.runtime.experiment.ResolvedNode;
import dev.awb.runtime.launch.PluginDescriptor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricOutputTests {
    private static ResolvedNode node(String name) {
        Metric metric = new Metric() {
            @Override
            public List<dev.awb.api.ParamSpec> params() {
                return List.of();
            }

            @Override
            public Map<String, Double> evaluate(Evaluation evaluation, Params params) {
                throw new UnsupportedOperationException("not evaluated here");
            }
        };
        return new ResolvedNode("evaluate", new PluginDescriptor("metric", name, "1.2.0", "org.example.metrics",
                "file:/plugins/metrics.jar", "A metric", metric), Params.of(Map.of()));
    }

    @Test
    void acceptsWellFormedNamesAndRecordsThemAsTaken() {
        Map<String, String> taken = new HashMap<>();
        MetricOutput.check(node("f1"), Map.of("f1_macro", 0.5, "f1/B-PER", Double.NaN, "f1/new york", 1.0), taken);
        assertEquals(Map.of("f1_macro", "metric/f1", "f1/B-PER", "metric/f1", "f1/new york", "metric/f1"), taken);
    }

    @Test
    void refusesABlankOrControlCharacterNameNamingPluginVersionAndName() {
        PluginOutputException e = assertThrows(PluginOutputException.class,
                () -> MetricOutput.check(node("odd"), Map.of("bad\nname", 1.0), new HashMap<>()));
        assertEquals("node 'evaluate': metric/odd 1.2.0 returned the name 'bad\nname', which holds a control character;"
                + " allowed: a non-blank name without control characters, parts joined by '/'", e.getMessage());
        assertThrows(PluginOutputException.class, () -> MetricOutput.check(node("odd"), Map.of(" ", 1.0), new HashMap<>()));
    }

    @Test
    void refusesANullValueAndANullMap() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("score", null);
        PluginOutputException e = assertThrows(PluginOutputException.class,
                () -> MetricOutput.check(node("odd"), values, new HashMap<>()));
        assertEquals("node 'evaluate': metric/odd 1.2.0 returned null for 'score'; allowed: a number, or NaN where the"
                + " value cannot be had", e.getMessage());
        assertThrows(PluginOutputException.class, () -> MetricOutput.check(node("odd"), null, new HashMap<>()));
    }

    @Test
    void refusesANameAnotherMetricOfTheTrialReturnedAlready() {
        Map<String, String> taken = new HashMap<>();
        MetricOutput.check(node("accuracy"), Map.of("accuracy", 0.5), taken);
        PluginOutputException e = assertThrows(PluginOutputException.class,
                () -> MetricOutput.check(node("my-accuracy"), Map.of("accuracy", 0.7), taken));
        assertEquals("node 'evaluate': metric/my-accuracy 1.2.0 returned 'accuracy', which metric/accuracy returned"
                + " already in the same evaluation; allowed: names no other metric of the trial uses", e.getMessage());
    }
}
