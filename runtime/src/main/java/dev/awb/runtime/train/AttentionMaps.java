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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attention maps of a trained trial: the weights every layer gives a few test examples, captured through
 * the attention interface (so every variant has them), written as {@code attention.json} in the trial's
 * directory for the report's heat maps.
 *
 * <p>Format: {@code {"trial": ID, "examples": [{"tokens": [...], "length": N, "layers": [[[[q][k]] per
 * head] per layer]}]}}; only the real (unpadded) rows and columns are kept, and of long sequences only the first
 * {@link #POSITIONS} (queries and keys both, so rows then sum to less than 1): a heat map of thousands of
 * positions is unreadable, and its JSON would take gigabytes.
 */
final class AttentionMaps {
    /** The most positions of an example a map keeps. */
    static final int POSITIONS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttentionMaps() {
    }

    /**
     * Writes {@code probe} (attention of the first examples of {@code examples}) into {@code directory}; nothing
     * when the mechanism gave no weights.
     */
    static void write(AttentionProbe probe, Examples examples, String trialId, Path directory) {
        if (probe == null) {
            return;
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int e = 0; e < probe.lengths().length; e++) {
            int length = Math.min(POSITIONS, probe.lengths()[e]);
            List<Object> layers = new ArrayList<>();
            for (double[][][][] layer : probe.layers()) {
                List<double[][]> heads = new ArrayList<>();
                for (double[][] head : layer[e]) {
                    double[][] real = new double[Math.min(length, head.length)][];
                    for (int q = 0; q < real.length; q++) {
                        real[q] = Arrays.copyOf(head[q], length);
                    }
                    heads.add(real);
                }
                layers.add(heads);
            }
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("tokens", Arrays.copyOf(examples.tokens()[e], length));
            example.put("length", length);
            example.put("layers", layers);
            maps.add(example);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("trial", trialId);
        document.put("examples", maps);
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("attention.json").toFile(), document);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write attention maps into " + directory, ex);
        }
    }
}
