package dev.awb.runtime.device;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compute device a study's trials run on: {@code cpu}, {@code cuda} (every visible GPU, one trial per GPU at
 * a time) or {@code cuda:N} (the N-th visible GPU only, counted from 0 as CUDA counts the entries of
 * {@code CUDA_VISIBLE_DEVICES}).
 *
 * @param cuda whether the trials run on ND4J's CUDA backend
 * @param index the one GPU to use, or null for every visible GPU (always null for the CPU)
 */
public record Device(boolean cuda, Integer index) {
    /** The choices, as printed in errors and help. */
    public static final String CHOICES = "cpu, cuda, cuda:N (N = a visible GPU's index, 0 or more)";

    public static final Device CPU = new Device(false, null);
    public static final Device CUDA = new Device(true, null);

    private static final Pattern CUDA_INDEX = Pattern.compile("cuda:(\\d{1,4})");

    public Device {
        if (!cuda && index != null) {
            throw new IllegalArgumentException("the CPU has no GPU index");
        }
        if (index != null && index < 0) {
            throw new IllegalArgumentException("GPU index must be 0 or more, found " + index);
        }
    }

    /**
     * The device a value of {@code --device} or of the experiment's {@code device:} names.
     *
     * @throws InvalidDeviceException naming the value and the choices
     */
    public static Device parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equals("cpu")) {
            return CPU;
        }
        if (value.equals("cuda")) {
            return CUDA;
        }
        Matcher matcher = CUDA_INDEX.matcher(value);
        if (matcher.matches()) {
            return new Device(true, Integer.parseInt(matcher.group(1)));
        }
        throw new InvalidDeviceException("device must be one of " + CHOICES + ", found '" + text + "'");
    }

    /**
     * The device used when neither {@code --device} nor the experiment names one: CUDA when the distribution
     * carries ND4J's CUDA backend (a GPU build should not quietly train on the CPU), else the CPU.
     */
    public static Device defaultFor(boolean cudaBackendInDistribution) {
        return cudaBackendInDistribution ? CUDA : CPU;
    }

    @Override
    public String toString() {
        return !cuda ? "cpu" : index == null ? "cuda" : "cuda:" + index;
    }
}
