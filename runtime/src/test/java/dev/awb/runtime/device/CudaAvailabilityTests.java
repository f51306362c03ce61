package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.awb.runtime.study.StudyDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaAvailabilityTests {
    @Test
    void theCpuNeedsNoCheck() {
        assertNull(CudaAvailability.unavailable(Device.CPU, Map.of(), null));
    }

    @Test
    void aDistributionWithoutTheCudaBackendIsRefusedWithoutLoadingAnything() {
        assumeFalse(LoadedBackend.cudaInDistribution(), "this distribution carries the CUDA backend");
        String expected = "CUDA backend not in this distribution (built without -Pcuda; ./mvnw -Pcuda package builds"
                + " one with CUDA 11.6 + cuDNN 8.3)";
        assertEquals(expected, CudaAvailability.unavailable(Device.CUDA, Map.of(), command -> {
            throw new AssertionError("no child JVM is needed to see that the backend is absent");
        }));
        assertEquals(expected, CudaAvailability.unavailable(new Device(true, 0), Map.of(), null));
    }

    /** The child JVM the probe starts is a real {@code awb doctor --cuda-probe}; its last line is the reason. */
    @Test
    void theChildJvmProbeReturnsDoctorsReason() {
        assumeFalse(LoadedBackend.cudaInDistribution(), "this distribution carries the CUDA backend");
        String reason = CudaAvailability.probe(Map.of(DeviceAssignment.BACKEND_PRIORITY_GPU, "100",
                DeviceAssignment.BACKEND_PRIORITY_CPU, "0"), dev.awb.runtime.cli.Awb.processCommand(List.of("doctor", "--cuda-probe")));
        assertEquals("CUDA backend not in this distribution (built without -Pcuda; ./mvnw -Pcuda package builds one"
                + " with CUDA 11.6 + cuDNN 8.3)", reason);
    }
}
