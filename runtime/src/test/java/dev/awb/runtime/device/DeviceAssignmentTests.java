package dev.awb.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceAssignmentTests {
    private static final VisibleGpus TWO = new VisibleGpus(List.of("0", "1"), true, "nvidia-smi");
    private static final VisibleGpus SLURM = new VisibleGpus(List.of("2", "3"), true, "CUDA_VISIBLE_DEVICES=2,3");
    private static final VisibleGpus UNKNOWN = new VisibleGpus(List.of(), false, "nvidia-smi not found");

    @Test
    void cpuPrefersTheCpuBackendAndLeavesGpusAlone() {
        DeviceAssignment cpu = DeviceAssignment.of(Device.CPU, TWO);
        assertEquals(Integer.MAX_VALUE, cpu.slots());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "100", "BACKEND_PRIORITY_GPU", "0"), cpu.environment(0));
        assertEquals(cpu.environment(0), cpu.environment(7));
    }

    @Test
    void cudaRunsOneWorkerPerVisibleGpuEachPinnedToItsOwn() {
        DeviceAssignment cuda = DeviceAssignment.of(Device.CUDA, TWO);
        assertEquals(2, cuda.slots());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "100", "CUDA_VISIBLE_DEVICES", "0"),
                cuda.environment(0));
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "100", "CUDA_VISIBLE_DEVICES", "1"),
                cuda.environment(1));
        assertThrows(IllegalArgumentException.class, () -> cuda.environment(2));
    }

    @Test
    void cudaKeepsTheGpusAnOuterSchedulerGave() {
        DeviceAssignment cuda = DeviceAssignment.of(Device.CUDA, SLURM);
        assertEquals(List.of("2", "3"), cuda.gpus());
        assertEquals("3", cuda.environment(1).get("CUDA_VISIBLE_DEVICES"));
    }

    @Test
    void cudaIndexPinsTheNthVisibleGpuInOneSlot() {
        DeviceAssignment second = DeviceAssignment.of(new Device(true, 1), SLURM);
        assertEquals(1, second.slots());
        assertEquals("3", second.environment(0).get("CUDA_VISIBLE_DEVICES"));
        assertEquals("100", second.environment(0).get("BACKEND_PRIORITY_GPU"));
    }

    @Test
    void rejectsACudaIndexBeyondTheVisibleGpus() {
        InvalidDeviceException e = assertThrows(InvalidDeviceException.class,
                () -> DeviceAssignment.of(new Device(true, 2), TWO));
        assertEquals("device cuda:2: only 2 GPU(s) visible, cuda:0 to cuda:1 [0, 1] (from nvidia-smi)", e.getMessage());
    }

    @Test
    void unknownGpusGiveOneUnpinnedCudaWorkerOrTheAskedIndex() {
        DeviceAssignment cuda = DeviceAssignment.of(Device.CUDA, UNKNOWN);
        assertEquals(1, cuda.slots());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "0", "BACKEND_PRIORITY_GPU", "100"), cuda.environment(0));
        DeviceAssignment third = DeviceAssignment.of(new Device(true, 3), UNKNOWN);
        assertEquals("3", third.environment(0).get("CUDA_VISIBLE_DEVICES"));
        DeviceAssignment none = DeviceAssignment.of(Device.CUDA, new VisibleGpus(List.of(), true, "CUDA_VISIBLE_DEVICES="));
        assertEquals(1, none.slots());
        assertEquals(null, none.environment(0).get("CUDA_VISIBLE_DEVICES"));
    }

    @Test
    void describesTheMappingForTheRunLine() {
        assertEquals("device cuda, one worker per GPU [0, 1]: 2 GPU(s) [0, 1] (from nvidia-smi)",
                DeviceAssignment.of(Device.CUDA, TWO).describe());
        assertEquals("device cuda, one unpinned worker: GPUs unknown (nvidia-smi not found)",
                DeviceAssignment.of(Device.CUDA, UNKNOWN).describe());
        assertEquals("device cpu", DeviceAssignment.of(Device.CPU, UNKNOWN).describe());
    }
}
