package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class LoadedBackendTests {
    @Test
    void namesTheMissingCudaBackend() {
        assertEquals("device cuda was asked for, but ND4J fell back to its CPU backend (CpuBackend): this distribution"
                + " has no CUDA backend (build it with ./mvnw -Pcuda package); not running on the CPU instead",
                LoadedBackend.mismatch(Device.CUDA, "CpuBackend", false, null));
    }

    @Test
    void namesWhyAPresentCudaBackendDidNotLoad() {
        String message = LoadedBackend.mismatch(new Device(true, 1), "CpuBackend", true,
                "RuntimeException: No CUDA devices were found in system");
        assertTrue(message.startsWith("device cuda:1 was asked for, but ND4J fell back to its CPU backend (CpuBackend):"
                + " the CUDA backend is in the distribution but did not load: RuntimeException: No CUDA devices were"
                + " found in system (check the NVIDIA driver"), message);
    }

    @Test
    void namesACudaBackendWhereTheCpuWasAskedFor() {
        assertTrue(LoadedBackend.mismatch(Device.CPU, "JCublasBackend", true, null)
                .startsWith("device cpu was asked for, but ND4J loaded its CUDA backend (JCublasBackend)"));
    }

    @Test
    void acceptsTheCpuAndRefusesCudaInThisCpuProcess() {
        assumeFalse(LoadedBackend.isCuda(), "this test JVM loaded ND4J's CUDA backend");
        LoadedBackend.require(Device.CPU);
        assertFalse(LoadedBackend.cudaInDistribution() && LoadedBackend.cudaFailure() == null,
                "a CUDA backend that would load, yet ND4J chose the CPU");
        BackendMismatchException e = assertThrows(BackendMismatchException.class,
                () -> LoadedBackend.require(Device.CUDA));
        assertTrue(e.getMessage().startsWith("device cuda was asked for, but ND4J fell back to its CPU backend"
                + " (CpuBackend)"), e.getMessage());
    }
}
