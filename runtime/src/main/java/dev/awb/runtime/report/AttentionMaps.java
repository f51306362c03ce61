package dev.awb.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attention weights captured for a few test examples of a trial, read from
 * {@code <study dir>/trials/<trial id>/attention.json}:
 * {@code {"trial": ID, "examples": [{"tokens": [...], "length": N, "layers": [[[[q × k]] per head] per layer]}]}}.
 */
final class AttentionMaps {
    /** One example: its tokens, true length and weights indexed [layer][head][query][key]. */
    record Example(int[] tokens, int length, double[][][][] layers) {
    }

    private AttentionMaps() {
    }

    /** The file of {@code trialId} under {@code studyDir}; trial ids are hashes, checked to stay inside. */
    static Path file(Path studyDir, String trialId) {
        if (!trialId.matches("[A-Za-z0-9._-]+") || trialId.startsWith(".")) {
            throw new ReportException("trial id [" + trialId + "] is not a plain file name");
        }
        return studyDir.resolve("trials").resolve(trialId).resolve("attention.json");
    }

    /** The examples of {@code trialId}, or empty when it has no attention file. */
    static Optional<List<Example>> read(Path studyDir, String trialId) {
        Path file = file(studyDir, trialId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<Example> examples = new ArrayList<>();
            for (JsonNode ex : root.path("examples")) {
                int[] tokens = new int[ex.path("tokens").size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = ex.path("tokens").get(i).asInt();
                }
                examples.add(new Example(tokens, ex.path("length").asInt(tokens.length), array4(ex.path("layers"))));
            }
            return Optional.of(examples);
        } catch (IOException e) {
            throw new ReportException("cannot read attention maps " + file + ": " + e.getMessage(), e);
        }
    }

    private static double[][][][] array4(JsonNode node) {
        double[][][][] out = new double[node.size()][][][];
        for (int l = 0; l < out.length; l++) {
            JsonNode heads = node.get(l);
            out[l] = new double[heads.size()][][];
            for (int h = 0; h < heads.size(); h++) {
                JsonNode rows = heads.get(h);
                out[l][h] = new double[rows.size()][];
                for (int q = 0; q < rows.size(); q++) {
                    JsonNode row = rows.get(q);
                    out[l][h][q] = new double[row.size()];
                    for (int k = 0; k < row.size(); k++) {
                        out[l][h][q][k] = row.get(k).asDouble(Double.NaN);
                    }
                }
            }
        }
        return out;
    }
}
