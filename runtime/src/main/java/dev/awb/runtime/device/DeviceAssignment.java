package dev.awb.runtime.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which device each worker process of a run uses, and the environment that makes it so.
 *
 * <p>ND4J picks its backend once per process, from the environment variables {@code BACKEND_PRIORITY_CPU} and
 * {@code BACKEND_PRIORITY_GPU} (the highest priority that loads wins; CUDA by default, with a silent fall back to
 * the CPU), and CUDA numbers GPUs by {@code CUDA_VISIBLE_DEVICES}. So a worker's device is fixed by the
 * environment it starts with: each worker slot gets the backend priorities of the device and, on CUDA, exactly
 * one visible GPU. With {@code cuda} and N visible GPUs there are N slots (one trial per GPU at a time); with
 * {@code cuda:N} one. Where the GPUs are unknown (no {@code nvidia-smi}, {@code CUDA_VISIBLE_DEVICES} unset),
 * {@code cuda} runs one unpinned worker and {@code cuda:N} pins GPU N as asked; the worker's
 * {@link LoadedBackend#require backend check} then fails the trial if CUDA does not load.
 */
public final class DeviceAssignment {
    /** ND4J's environment variables for backend priorities ({@code ND4JEnvironmentVars}). */
    public static final String BACKEND_PRIORITY_CPU = "BACKEND_PRIORITY_CPU";
    public static final String BACKEND_PRIORITY_GPU = "BACKEND_PRIORITY_GPU";

    private static final String PREFERRED = "100";
    private static final String AVOIDED = "0";

    private final Device device;
    private final List<String> gpus;
    private final VisibleGpus visible;

    private DeviceAssignment(Device device, List<String> gpus, VisibleGpus visible) {
        this.device = device;
        this.gpus = gpus;
        this.visible = visible;
    }

    /**
     * The assignment of {@code device} given the GPUs this machine shows.
     *
     * @throws InvalidDeviceException for {@code cuda:N} when the visible GPUs are known and fewer than N + 1
     */
    public static DeviceAssignment of(Device device, VisibleGpus visible) {
        if (!device.cuda()) {
            return new DeviceAssignment(device, List.of(), visible);
        }
        boolean listed = visible.known() && !visible.ids().isEmpty();
        if (device.index() == null) {
            return new DeviceAssignment(device, listed ? visible.ids() : List.of(), visible);
        }
        if (listed && device.index() >= visible.ids().size()) {
            throw new InvalidDeviceException("device " + device + ": only " + visible.ids().size()
                    + " GPU(s) visible, cuda:0 to cuda:" + (visible.ids().size() - 1) + " " + visible.ids()
                    + " (from " + visible.source() + ")");
        }
        String gpu = listed ? visible.ids().get(device.index()) : Integer.toString(device.index());
        return new DeviceAssignment(device, List.of(gpu), visible);
    }

    public Device device() {
        return device;
    }

    /** The most workers that may run at a time: one per assigned GPU on CUDA, unbounded on the CPU. */
    public int slots() {
        if (!device.cuda()) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, gpus.size());
    }

    /** The GPUs workers are pinned to, slot by slot; empty on the CPU and when CUDA runs unpinned. */
    public List<String> gpus() {
        return gpus;
    }

    /**
     * The environment variables of the worker in {@code slot} (0 to {@link #slots()} - 1): the backend
     * priorities and, when pinned, the one GPU it sees.
     */
    public Map<String, String> environment(int slot) {
        if (slot < 0 || slot >= slots()) {
            throw new IllegalArgumentException("slot " + slot + " outside [0, " + slots() + ")");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(BACKEND_PRIORITY_CPU, device.cuda() ? AVOIDED : PREFERRED);
        environment.put(BACKEND_PRIORITY_GPU, device.cuda() ? PREFERRED : AVOIDED);
        if (device.cuda() && !gpus.isEmpty()) {
            environment.put(VisibleGpus.CUDA_VISIBLE_DEVICES, gpus.get(slot));
        }
        return environment;
    }

    /** One line for the run's output: the device and how workers map to GPUs. */
    public String describe() {
        if (!device.cuda()) {
            return "device cpu";
        }
        if (gpus.isEmpty()) {
            return "device " + device + ", one unpinned worker: " + visible;
        }
        return "device " + device + ", one worker per GPU " + gpus + ": " + visible;
    }
}
