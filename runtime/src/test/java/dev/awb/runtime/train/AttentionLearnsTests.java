package dev.awb.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence that each attention variant learns: the easy recall experiment, trained end to end inside the
 * real runtime, must beat chance (25%) clearly. Soft attention must solve it.
 */
class AttentionLearnsTests {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2} reaches test accuracy >= {3}")
    @CsvSource({"soft, '', '', 0.95", "linear, '', '', 0.45", "hard, '', '', 0.45", "hard, 'estimator: gumbel', '', 0.45",
        "hard, 'estimator: reinforce', '', 0.40", "interactive, '', data, 0.95"})
    void variantLearnsEasyRecall(String variant, String with, String inputs, double threshold) throws Exception {
        String yaml = Files.readString(Path.of("..", "experiments", "recall-easy.yaml"));
        assertTrue(yaml.contains("use: attention/soft") && yaml.contains("with: { heads: 2 }"));
        Path file = dir.resolve("recall-" + variant + ".yaml");
        Files.writeString(file, yaml.replace("use: attention/soft", "use: attention/" + variant)
                .replace("with: { heads: 2 }", (with.isEmpty() ? "with: { heads: 2 }" : "with: { heads: 2, " + with + " }")
                        + (inputs.isEmpty() ? "" : "\n    inputs: [" + inputs + "]")));
        StringWriter err = new StringWriter();
        int code = Awb.execute(new String[] {"run", file.toString(), "--runs", dir.resolve("runs").toString(),
            "--plugins", dir.resolve("plugins").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs").resolve("awb.sqlite"));
                ResultSet rs = db.createStatement().executeQuery(
                        "SELECT value FROM metrics WHERE split = 'test' AND name = 'accuracy' AND epoch IS NULL")) {
            assertTrue(rs.next());
            double accuracy = rs.getDouble(1);
            System.out.printf("[learns] %s %s %s test accuracy %.4f%n", variant, with, inputs, accuracy);
            assertTrue(accuracy >= threshold, variant + " reached test accuracy " + accuracy + " (chance 0.25)");
        }
    }
}
