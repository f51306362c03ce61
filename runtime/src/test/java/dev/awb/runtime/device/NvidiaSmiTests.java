package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTests {
    @Test
    void parsesOneGpuPerCsvLine() {
        String csv = """
                0, NVIDIA H100 80GB HBM3, 81559, 535.104.05, GPU-5c1f3e8a-9d2b-4f51-8a6e-0c1d2e3f4a5b
                1, NVIDIA A100-SXM4-40GB, 40960, 535.104.05, GPU-11111111-2222-3333-4444-555555555555
                """;
        assertEquals(List.of(
                new Gpu(0, "NVIDIA H100 80GB HBM3", 81559, "535.104.05", "GPU-5c1f3e8a-9d2b-4f51-8a6e-0c1d2e3f4a5b"),
                new Gpu(1, "NVIDIA A100-SXM4-40GB", 40960, "535.104.05", "GPU-11111111-2222-3333-4444-555555555555")),
                NvidiaSmi.parse(csv));
    }

    @Test
    void keepsCommasInsideTheNameAndUnknownMemory() {
        List<Gpu> gpus = NvidiaSmi.parse("3, Tesla T4, rev. B, [N/A], 470.57.02, GPU-abc\r\n\r\n");
        assertEquals(List.of(new Gpu(3, "Tesla T4, rev. B", -1, "470.57.02", "GPU-abc")), gpus);
        assertTrue(gpus.get(0).toString().contains("memory unknown"), gpus.get(0).toString());
    }

    @Test
    void listsNothingForEmptyOutput() {
        assertEquals(List.of(), NvidiaSmi.parse(""));
    }

    @Test
    void rejectsLinesWithoutTheQueriedFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NvidiaSmi.parse("No devices were found"));
        assertEquals("expected 'index, name, memory.total, driver_version, uuid', found 'No devices were found'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parse("x, A, 1, 2, GPU-1"));
    }

    @Test
    void queryNamesWhyItFoundNothingWhenNvidiaSmiIsMissing() {
        NvidiaSmi.Listing listing = NvidiaSmi.query();
        if (listing.answered()) {
            // A machine with an NVIDIA driver: the listing is real and parsed.
            listing.gpus().forEach(gpu -> assertTrue(gpu.index() >= 0 && gpu.uuid().startsWith("GPU-"), gpu.toString()));
        } else {
            assertTrue(listing.problem().startsWith("nvidia-smi"), listing.problem());
            assertEquals(List.of(), listing.gpus());
        }
    }
}
