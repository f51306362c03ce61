package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class VisibleGpusTests {
    private static final Supplier<NvidiaSmi.Listing> NOT_ASKED = () -> {
        throw new AssertionError("nvidia-smi must not be asked while CUDA_VISIBLE_DEVICES is set");
    };

    @Test
    void takesCudaVisibleDevicesWhenSet() {
        VisibleGpus gpus = VisibleGpus.of(Map.of("CUDA_VISIBLE_DEVICES", "2,3"), NOT_ASKED);
        assertEquals(List.of("2", "3"), gpus.ids());
        assertTrue(gpus.known());
        assertEquals("CUDA_VISIBLE_DEVICES=2,3", gpus.source());
    }

    @Test
    void stopsAtTheFirstInvalidEntryAsCudaDoes() {
        assertEquals(List.of(), VisibleGpus.parse(""));
        assertEquals(List.of(), VisibleGpus.parse("-1"));
        assertEquals(List.of("0"), VisibleGpus.parse("0,-1,2"));
        assertEquals(List.of(), VisibleGpus.parse("NoDevFiles"));
        assertEquals(List.of("GPU-5c1f", "MIG-0a1b"), VisibleGpus.parse("GPU-5c1f, MIG-0a1b"));
    }

    @Test
    void asksNvidiaSmiWhenUnset() {
        NvidiaSmi.Listing two = new NvidiaSmi.Listing(List.of(new Gpu(0, "A", 1, "d", "GPU-a"),
                new Gpu(1, "B", 1, "d", "GPU-b")), null);
        VisibleGpus gpus = VisibleGpus.of(Map.of(), () -> two);
        assertEquals(List.of("0", "1"), gpus.ids());
        assertEquals("nvidia-smi", gpus.source());
    }

    @Test
    void isUnknownWhenNvidiaSmiCannotAnswer() {
        VisibleGpus gpus = VisibleGpus.of(Map.of(), () -> new NvidiaSmi.Listing(List.of(), "nvidia-smi not found"));
        assertFalse(gpus.known());
        assertEquals("GPUs unknown (nvidia-smi not found)", gpus.toString());
    }
}
