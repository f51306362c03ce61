package dev.awb.runtime.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The experiment format is described once: the JSON Schema {@code awb schema} publishes names exactly the keys the
 * reader accepts, section by section, so the two cannot drift apart.
 */
class ExperimentSchemaTests {
    private static final ObjectNode SCHEMA = ExperimentSchema.of(List.of());

    private static Set<String> keys(JsonNode properties) {
        Set<String> keys = new TreeSet<>();
        properties.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void topLevelKeysAreTheReadersKeys() {
        assertEquals(new TreeSet<>(ExperimentReader.TOP_KEYS), keys(SCHEMA.get("properties")));
    }

    @Test
    void tuneAndReportKeysAreTheReadersKeys() {
        assertEquals(new TreeSet<>(ExperimentReader.TUNE_KEYS), keys(SCHEMA.at("/properties/tune/properties")));
        assertEquals(new TreeSet<>(ExperimentReader.REPORT_KEYS), keys(SCHEMA.at("/properties/report/properties")));
    }

    @Test
    void rangeAndNodeKeysAreTheReadersKeys() {
        JsonNode range = SCHEMA.at("/$defs/axes/additionalProperties/oneOf/1/properties");
        assertEquals(new TreeSet<>(ExperimentReader.RANGE_KEYS), keys(range));
        assertEquals(new TreeSet<>(ExperimentReader.NODE_KEYS), keys(SCHEMA.at("/$defs/trainer/properties")));
    }
}
