package dev.awb.runtime.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awb.api.ParamSpec;
import dev.awb.api.metric.Metric;
import dev.awb.runtime.launch.PluginDescriptor;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of the experiment file format, with every installed plugin's parameters,
 * so that editors (e.g. the YAML language server) can complete and check experiment files.
 *
 * <p>A node is one of: a plugin node ({@code use: KIND/NAME} with that plugin's {@code with}), the trainer,
 * or a list of metric plugins. A parameter value may also be a {@code ${VAR}} reference to a sweep variable.
 */
public final class ExperimentSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLE = "^\\$\\{[^}]+\\}$";

    private ExperimentSchema() {
    }

    /** The schema for the plugins in {@code plugins}. */
    public static ObjectNode of(List<PluginDescriptor> plugins) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:dev.awb:experiment");
        schema.put("title", "Attention Workbench experiment");
        schema.put("type", "object");
        schema.putArray("required").add("experiment").add("graph");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        string(properties, "experiment", "The study's name; re-running a file continues the study of this name. "
                + "It names a directory under runs/: " + Limits.NAME_RULE + ".");
        ((ObjectNode) properties.get("experiment")).put("pattern", "^" + Limits.NAME.pattern() + "$");
        string(properties, "description", "Free text.");
        string(properties, "store", "Results store: a SQLite file path or a JDBC URL.");
        string(properties, "device", "Where trials run: cpu, cuda (one trial per visible GPU at a time) or cuda:N"
                + " (the N-th visible GPU); --device overrides it.");
        ((ObjectNode) properties.get("device")).put("pattern", "^(cpu|cuda|cuda:[0-9]+)$");
        ObjectNode seeds = properties.putObject("seeds");
        seeds.put("description", "Replicate seeds: every trial runs once per seed (never searched or ranked).");
        ArrayNode seedForms = seeds.putArray("oneOf");
        seedForms.addObject().put("type", "integer");
        seedForms.addObject().put("type", "array").put("minItems", 1).put("uniqueItems", true).putObject("items")
                .put("type", "integer");
        ObjectNode graph = properties.putObject("graph");
        graph.put("type", "object");
        graph.put("description", "Named nodes: plugins (use/with/inputs), the trainer and metric lists.");
        graph.putObject("additionalProperties").put("$ref", "#/$defs/node");
        properties.putObject("sweep").put("$ref", "#/$defs/axes").put("description",
                "Sweep axes: NODE.use, NODE.with.PARAM or a ${VAR} variable, each a list, a range or a zip group.");
        ObjectNode tune = properties.putObject("tune");
        tune.put("type", "object").put("additionalProperties", false).put("description",
                "Equal-budget tuning: every compared value gets the same search over 'budget', the best chosen on 'select'.");
        tune.putArray("required").add("budget").add("select");
        ObjectNode tuneProperties = tune.putObject("properties");
        tuneProperties.putObject("budget").put("$ref", "#/$defs/axes");
        tuneProperties.putObject("select").put("type", "string").put("pattern", "^validation\\.")
                .put("description", "The validation metric that picks the best budget point, e.g. validation.accuracy.");
        tuneProperties.putObject("mode").put("description", "Maximise or minimise 'select' (default: the direction its metric declares).")
                .putArray("enum").add("max").add("min");
        ObjectNode report = properties.putObject("report");
        report.put("type", "object").put("additionalProperties", false);
        ObjectNode reportProperties = report.putObject("properties");
        string(reportProperties, "compare", "The sweep axis whose values are compared.");
        string(reportProperties, "baseline", "The compared value the others are tested against.");
        reportProperties.putObject("metrics").put("type", "array").put("description",
                "Headline metrics, SPLIT.NAME, e.g. test.accuracy.").putObject("items").put("type", "string");

        ObjectNode defs = schema.putObject("$defs");
        defs.set("axes", axes());
        ArrayNode nodeForms = defs.putObject("node").putArray("oneOf");
        for (PluginDescriptor plugin : plugins) {
            String ref = plugin.kind() + "-" + plugin.name();
            if (defs.has(ref)) {
                continue; // an older version of a plugin already described (the registry lists the highest first)
            }
            // KIND/NAME (the highest installed version), or KIND/NAME@VERSION for exactly that version
            // "type": "string" first: a pattern alone would let any non-string (a metric list's array) match every form.
            ObjectNode use = JSON.createObjectNode().put("type", "string");
            use.putArray("anyOf").add(JSON.createObjectNode().put("const", plugin.id())).add(JSON.createObjectNode()
                    .put("pattern", "^" + plugin.id() + "@[0-9]+(\\.[0-9]+){0,2}(\\.[A-Za-z0-9_-]+)?$"));
            defs.set(ref, pluginNode(use, plugin.summary(), plugin.params()));
            nodeForms.addObject().put("$ref", "#/$defs/" + ref);
        }
        defs.set("trainer", pluginNode(JSON.createObjectNode().put("const", TrainerSettings.USE), "The training loop: reads a model, a dataset and an optimizer.",
                TrainerSettings.PARAMS));
        nodeForms.addObject().put("$ref", "#/$defs/trainer");
        // A node whose plugin a sweep variable picks (use: "attention/${variant}"): its parameters depend on the value,
        // so they are checked per sweep point by 'awb validate', not here.
        ObjectNode swept = pluginNode(JSON.createObjectNode().put("type", "string").put("pattern", "\\$\\{[^}]+\\}"),
                "A node whose plugin a sweep variable chooses, e.g. attention/${variant}.", List.of());
        ((ObjectNode) swept.with("properties").get("with")).remove("additionalProperties");
        defs.set("swept-node", swept);
        nodeForms.addObject().put("$ref", "#/$defs/swept-node");
        ObjectNode metricList = defs.putObject("metric-list");
        metricList.put("type", "object").put("additionalProperties", false).putArray("required").add("use");
        ObjectNode metricUse = metricList.putObject("properties").putObject("use");
        metricUse.put("type", "array").put("description", "Metric plugins evaluated with their defaults.");
        ArrayNode metricNames = metricUse.putObject("items").putArray("enum");
        plugins.stream().filter(p -> Metric.KIND.equals(p.kind())).forEach(p -> metricNames.add(p.id()));
        metricList.with("properties").putObject("description").put("type", "string");
        nodeForms.addObject().put("$ref", "#/$defs/metric-list");
        return schema;
    }

    private static ObjectNode axes() {
        ObjectNode axes = JSON.createObjectNode();
        axes.put("type", "object");
        ObjectNode values = JSON.createObjectNode();
        ArrayNode forms = values.putArray("oneOf");
        forms.addObject().put("type", "array").put("minItems", 1);
        ObjectNode range = forms.addObject();
        range.put("type", "object").put("additionalProperties", false);
        range.putArray("required").add("from").add("to");
        ObjectNode rangeProperties = range.putObject("properties");
        rangeProperties.putObject("from").put("type", "number");
        rangeProperties.putObject("to").put("type", "number");
        rangeProperties.putObject("steps").put("type", "integer").put("minimum", 2);
        rangeProperties.putObject("scale").putArray("enum").add("linear").add("log");
        forms.addObject().putArray("type").add("string").add("number").add("boolean");
        ObjectNode zip = JSON.createObjectNode();
        ArrayNode zipForms = zip.putArray("oneOf");
        zipForms.addObject().put("type", "object").putObject("additionalProperties").put("type", "array");
        zipForms.addObject().put("type", "array").putObject("items").put("type", "object");
        axes.putObject("properties").set("zip", zip);
        axes.set("additionalProperties", values);
        return axes;
    }

    private static ObjectNode pluginNode(ObjectNode use, String summary, List<ParamSpec> params) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "object").put("description", summary).put("additionalProperties", false);
        node.putArray("required").add("use");
        ObjectNode properties = node.putObject("properties");
        properties.set("use", use);
        properties.putObject("inputs").put("description", "Names of the nodes this node reads.")
                .putArray("oneOf").add(JSON.createObjectNode().put("type", "string"))
                .add(JSON.createObjectNode().put("type", "array").set("items", JSON.createObjectNode().put("type", "string")));
        string(properties, "description", "Free text.");
        ObjectNode with = properties.putObject("with");
        with.put("type", "object").put("additionalProperties", false);
        ObjectNode withProperties = with.putObject("properties");
        for (ParamSpec param : params) {
            ObjectNode typed = JSON.createObjectNode();
            switch (param.type()) {
                case INT -> typed.put("type", "integer");
                case DOUBLE -> typed.put("type", "number");
                case BOOLEAN -> typed.put("type", "boolean");
                case CHOICE -> {
                    ArrayNode choices = typed.putArray("enum");
                    param.choices().forEach(choices::add);
                }
                default -> typed.put("type", "string");
            }
            if (param.min() != null) {
                typed.put("minimum", param.min());
            }
            if (param.max() != null) {
                typed.put("maximum", param.max());
            }
            ObjectNode property = withProperties.putObject(param.name());
            property.put("description", param.description());
            property.set("default", JSON.valueToTree(param.defaultValue()));
            property.putArray("anyOf").add(typed).add(JSON.createObjectNode().put("type", "string").put("pattern", VARIABLE));
        }
        return node;
    }

    private static void string(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }
}
