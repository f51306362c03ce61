package dev.awb.runtime.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The GPUs a process may use, in the order CUDA numbers them: the entries of {@code CUDA_VISIBLE_DEVICES} when
 * it is set (as Slurm and container runtimes set it), else every GPU {@code nvidia-smi} lists.
 *
 * @param ids the GPUs as {@code CUDA_VISIBLE_DEVICES} entries (indices or {@code GPU-}/{@code MIG-} UUIDs)
 * @param known whether the list is real: false when {@code CUDA_VISIBLE_DEVICES} is unset and
 *     {@code nvidia-smi} could not answer, so that nothing is known about the GPUs
 * @param source where the list comes from, or why it is unknown (for messages)
 */
public record VisibleGpus(List<String> ids, boolean known, String source) {
    /** The environment variable CUDA reads to number and hide GPUs. */
    public static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    /** The GPUs visible to this process. */
    public static VisibleGpus detect() {
        return of(System.getenv(), NvidiaSmi::query);
    }

    /**
     * The GPUs visible under {@code environment}, asking {@code nvidia-smi} only when
     * {@code CUDA_VISIBLE_DEVICES} is unset.
     */
    public static VisibleGpus of(Map<String, String> environment, Supplier<NvidiaSmi.Listing> nvidiaSmi) {
        String visible = environment.get(CUDA_VISIBLE_DEVICES);
        if (visible != null) {
            return new VisibleGpus(parse(visible), true, CUDA_VISIBLE_DEVICES + "=" + visible);
        }
        NvidiaSmi.Listing listing = nvidiaSmi.get();
        if (!listing.answered()) {
            return new VisibleGpus(List.of(), false, listing.problem());
        }
        return new VisibleGpus(listing.gpus().stream().map(g -> Integer.toString(g.index())).toList(), true,
                "nvidia-smi");
    }

    /**
     * The entries of a {@code CUDA_VISIBLE_DEVICES} value. Like CUDA, stops at the first invalid entry (a negative
     * index such as {@code -1}, or a word such as Slurm's {@code NoDevFiles}): the entries after it are hidden too.
     */
    static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String id = entry.strip();
            boolean index = id.matches("\\d+");
            boolean uuid = id.startsWith("GPU-") || id.startsWith("MIG-");
            if (!index && !uuid) {
                break;
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return known ? ids.size() + " GPU(s) " + ids + " (from " + source + ")" : "GPUs unknown (" + source + ")";
    }
}
