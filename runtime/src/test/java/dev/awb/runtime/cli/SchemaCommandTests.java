package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The schema {@code awb schema} prints describes the files the reader accepts: every shipped experiment file (and
 * every example's) validates against it with a real JSON Schema validator, and a misspelled key does not.
 */
class SchemaCommandTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void printTheSchema(@TempDir Path plugins) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"schema", "--plugins", plugins.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(out.toString()));
    }

    /** The file as the JSON document an editor validates: YAML's values with their YAML types. */
    private static JsonNode document(Path file) throws IOException {
        return JSON.valueToTree(new Yaml().load(Files.readString(file)));
    }

    private static List<Path> experimentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "experiments"), Path.of("..", "examples"))) {
            try (Stream<Path> found = Files.walk(dir)) {
                found.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> !f.toString().contains("target")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyShippedExperimentFileValidatesAgainstThePrintedSchema() throws IOException {
        List<Path> files = experimentFiles();
        assertTrue(files.size() >= 8, "experiment files found: " + files);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (ValidationMessage message : schema.validate(document(file))) {
                problems.add(file + ": " + message.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aMisspelledKeyOrAnUnknownPluginFailsTheSchema() throws IOException {
        Path quickstart = Path.of("..", "experiments", "quickstart.yaml");
        String text = Files.readString(quickstart);
        JsonNode misspelled = JSON.valueToTree(new Yaml().load(text.replace("seeds:", "sedes:")));
        Set<ValidationMessage> unknownKey = schema.validate(misspelled);
        assertFalse(unknownKey.isEmpty(), "a misspelled top-level key is caught");
        JsonNode unknownPlugin = JSON.valueToTree(new Yaml().load(text.replace("attention/soft", "attention/sofft")));
        assertFalse(schema.validate(unknownPlugin).isEmpty(), "an unknown plugin is caught");
    }
}
