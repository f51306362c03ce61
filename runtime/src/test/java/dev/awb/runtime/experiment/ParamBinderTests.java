package dev.awb.runtime.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamBinderTests {
    private static final List<ParamSpec> SPECS = List.of(ParamSpec.ofPath("train", "", "Training file"),
            ParamSpec.ofPath("test", "", "Test file"), ParamSpec.ofString("label", "", "Not a path"));
    private static final Location HERE = new Location("x.yaml", 1, 1);

    @Test
    void resolvesRelativePathsAgainstTheExperimentDirectory() {
        List<Problem> problems = new ArrayList<>();
        Path base = Path.of("/data/studies").toAbsolutePath();
        Params params = ParamBinder.bind("data", "dataset/x", SPECS, Map.of(
                "train", new ExperimentFile.Value("../datasets/names/train.csv", HERE),
                "test", new ExperimentFile.Value("/abs/test.csv", HERE),
                "label", new ExperimentFile.Value("../kept", HERE)), base, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(base.getParent().resolve("datasets/names/train.csv").toString(), params.getString("train"));
        assertEquals("/abs/test.csv", params.getString("test"));
        assertEquals("../kept", params.getString("label"), "strings are left as written");
    }

    @Test
    void leavesAnEmptyPathEmpty() {
        Params params = ParamBinder.bind("data", "dataset/x", SPECS, Map.of(), Path.of("/data"), new ArrayList<>());
        assertEquals("", params.getString("train"));
    }
}
