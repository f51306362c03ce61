package dev.awb.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.api.dataset.Examples;
import dev.awb.api.metric.AttentionProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The attention maps of a trained trial: the weights every layer gives a few test examples, captured through
 * the attention interface (so every variant has them). This record is the file's one definition: the trainer
 * captures it, the trial's run writes it into the trial's directory ({@code dev.awb.runtime.study.Study} says where)
 * and the report reads it back for its heat maps.
 *
 * <p>Format (JSON, bound by Jackson): {@code {"trial": ID, "examples": [{"tokens": [...], "length": N, "layers":
 * [[[[q][k]] per head] per layer]}]}}; only the real (unpadded) rows and columns are kept, and of long sequences
 * only the first {@link #POSITIONS} (queries and keys both, so rows then sum to less than 1): a heat map of
 * thousands of positions is unreadable, and its JSON would take gigabytes.
 *
 * @param trial the trial's id
 * @param examples the captured examples
 */
public record AttentionMaps(String trial, List<Example> examples) {
    /** The most positions of an example a map keeps. */
    public static final int POSITIONS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One example: its tokens, true length and weights indexed [layer][head][query][key].
     *
     * @param tokens the example's first {@code length} tokens
     * @param length the positions kept
     * @param layers the weights, [layer][head][query][key]
     */
    public record Example(int[] tokens, int length, double[][][][] layers) {
    }

    /** The maps of {@code probe} (attention of the first examples of {@code examples}), or null without weights. */
    static AttentionMaps capture(AttentionProbe probe, Examples examples, String trialId) {
        if (probe == null) {
            return null;
        }
        List<Example> maps = new ArrayList<>();
        for (int e = 0; e < probe.lengths().length; e++) {
            int length = Math.min(POSITIONS, probe.lengths()[e]);
            double[][][][] layers = new double[probe.layers().size()][][][];
            for (int l = 0; l < layers.length; l++) {
                double[][][] heads = probe.layers().get(l)[e];
                layers[l] = new double[heads.length][][];
                for (int h = 0; h < heads.length; h++) {
                    double[][] real = new double[Math.min(length, heads[h].length)][];
                    for (int q = 0; q < real.length; q++) {
                        real[q] = Arrays.copyOf(heads[h][q], length);
                    }
                    layers[l][h] = real;
                }
            }
            maps.add(new Example(Arrays.copyOf(examples.tokens()[e], length), length, layers));
        }
        return new AttentionMaps(trialId, maps);
    }

    /** Writes these maps as {@code file}, creating its folder. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write attention maps " + file, ex);
        }
    }

    /** The maps in {@code file}, or empty when there is no such file. */
    public static Optional<AttentionMaps> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), AttentionMaps.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attention maps " + file + ": " + e.getMessage(), e);
        }
    }
}
