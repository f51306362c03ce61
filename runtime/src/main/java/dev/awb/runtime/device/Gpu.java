package dev.awb.runtime.device;

/**
 * One NVIDIA GPU as {@code nvidia-smi} lists it.
 *
 * @param index nvidia-smi's index (the PCI bus order, which {@code CUDA_VISIBLE_DEVICES} uses by default)
 * @param name the product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param memoryMib total memory in MiB, or -1 where nvidia-smi reports none ({@code [N/A]})
 * @param driver the NVIDIA driver version
 * @param uuid the GPU's UUID ({@code GPU-...}), which {@code CUDA_VISIBLE_DEVICES} also accepts
 */
public record Gpu(int index, String name, long memoryMib, String driver, String uuid) {
    @Override
    public String toString() {
        return "gpu " + index + ": " + name + ", " + (memoryMib < 0 ? "memory unknown" : memoryMib + " MiB")
                + ", driver " + driver + ", " + uuid;
    }
}
