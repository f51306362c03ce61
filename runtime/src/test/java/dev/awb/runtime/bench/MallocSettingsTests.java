package dev.awb.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MallocSettingsTests {
    @Test
    void aPyTorchChildKeepsFreedMemoryLikeTheAwbChild() {
        ProcessBuilder torch = new TorchSide(Path.of("/usr/bin/python3"), Path.of("torch_bench.py"), null)
                .process(List.of("--probe"), 1, Path.of("probe.log"));
        MallocSettings.KEEP_FREED.forEach((name, value) -> {
            if (System.getenv(name) == null) {
                assertEquals(value, torch.environment().get(name), name);
            }
        });
    }

    @Test
    void aSettingAlreadyInTheEnvironmentPassesThroughUnchanged() {
        Map<String, String> environment = new HashMap<>(Map.of("MALLOC_MMAP_THRESHOLD_", "131072"));
        MallocSettings.apply(environment);
        assertEquals("131072", environment.get("MALLOC_MMAP_THRESHOLD_"));
        assertEquals(MallocSettings.KEEP_FREED.get("MALLOC_TRIM_THRESHOLD_"), environment.get("MALLOC_TRIM_THRESHOLD_"));
    }
}
