package dev.awb.runtime.device;

import java.lang.reflect.InvocationTargetException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend this process loaded, and the check that it is the one a trial's device asks for.
 *
 * <p>ND4J falls back from CUDA to the CPU with no more than a log warning when the CUDA backend cannot load (no
 * driver, no GPU, missing CUDA or cuDNN libraries). A GPU study quietly trained on the CPU would report CPU
 * costs as GPU ones, so {@link #require} turns that fallback into a failed trial.
 */
public final class LoadedBackend {
    /** ND4J's CUDA backend, present only in the {@code -Pcuda} distribution. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private LoadedBackend() {
    }

    /** Whether this distribution carries ND4J's CUDA backend (built with {@code -Pcuda}). */
    public static boolean cudaInDistribution() {
        try {
            Class.forName(CUDA_BACKEND, false, LoadedBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The simple class name of the backend ND4J loaded ({@code CpuBackend}, {@code JCublasBackend}); loads it. */
    public static String name() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** Whether ND4J loaded its CUDA backend in this process; loads ND4J. */
    public static boolean isCuda() {
        return Nd4j.getBackend().getClass().getName().equals(CUDA_BACKEND);
    }

    /**
     * Checks that the backend ND4J loaded in this process serves {@code device}.
     *
     * @throws BackendMismatchException when CUDA was asked for and ND4J loaded the CPU backend, or the reverse
     */
    public static void require(Device device) {
        boolean cuda = isCuda();
        if (cuda != device.cuda()) {
            throw new BackendMismatchException(mismatch(device, name(), cudaInDistribution(),
                    device.cuda() && cudaInDistribution() ? cudaFailure() : null));
        }
    }

    /**
     * The message for a trial whose device {@code device} is not served by the loaded backend {@code loaded}.
     *
     * @param cudaInDistribution whether the CUDA backend is in the distribution at all
     * @param cudaFailure why the CUDA backend did not load, or null when unknown
     */
    static String mismatch(Device device, String loaded, boolean cudaInDistribution, String cudaFailure) {
        if (!device.cuda()) {
            return "device cpu was asked for, but ND4J loaded its CUDA backend (" + loaded + "); the worker must"
                    + " start with " + DeviceAssignment.BACKEND_PRIORITY_CPU + " above "
                    + DeviceAssignment.BACKEND_PRIORITY_GPU;
        }
        String why = !cudaInDistribution
                ? "this distribution has no CUDA backend (build it with ./mvnw -Pcuda package)"
                : "the CUDA backend is in the distribution but did not load"
                        + (cudaFailure == null ? "" : ": " + cudaFailure)
                        + " (check the NVIDIA driver with nvidia-smi, CUDA 11.6 and cuDNN 8.3 libraries, and "
                        + VisibleGpus.CUDA_VISIBLE_DEVICES + "=" + System.getenv(VisibleGpus.CUDA_VISIBLE_DEVICES) + ")";
        return "device " + device + " was asked for, but ND4J fell back to its CPU backend (" + loaded + "): " + why
                + "; not running on the CPU instead";
    }

    /**
     * Why the CUDA backend does not load here: its own availability check ({@code cudaGetDeviceCount}, then
     * loading cuBLAS) reduced to the root cause; null when it loads or is not in the distribution.
     *
     * <p>Only the first attempt in a process sees the real cause (a missing {@code libcuda.so.1}, say): a failed
     * native class initialiser leaves later attempts a bare "no jnicudart in java.library.path". So the result of
     * the first call is kept, and callers that want the cause call this before anything initialises ND4J.
     */
    public static synchronized String cudaFailure() {
        if (!probed) {
            cudaFailure = probeCuda();
            probed = true;
        }
        return cudaFailure;
    }

    private static boolean probed;
    private static String cudaFailure;

    private static String probeCuda() {
        try {
            Class<?> backend = Class.forName(CUDA_BACKEND, true, LoadedBackend.class.getClassLoader());
            Object instance = backend.getConstructor().newInstance();
            backend.getMethod("canRun").invoke(instance);
            return null;
        } catch (ClassNotFoundException e) {
            return null;
        } catch (InvocationTargetException e) {
            return rootCause(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return rootCause(e);
        }
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
