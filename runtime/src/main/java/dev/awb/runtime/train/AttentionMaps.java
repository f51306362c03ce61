package dev.awb.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * The attention maps of a trained trial: the weights every layer gives a few test examples, captured through
 * the attention interface (so every variant has them), written as {@code attention.json} in the trial's
 * directory for the report's heat maps.
 *
 * <p>Format: {@code {"trial": ID, "examples": [{"tokens": [...], "length": N, "layers": [[[[q][k]] per
 * head] per layer]}]}}; only the real (unpadded) rows and columns are kept.
 */
public final class AttentionMaps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttentionMaps() {
    }

    /** Computes and writes the maps of the first {@code count} examples of {@code batches}. */
    static void write(ModelGraph graph, Batches batches, int count, String trialId, Path directory) {
        List<SDVariable> layers = graph.attentionWeights();
        if (layers.isEmpty() || count == 0) {
            return;
        }
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        MultiDataSet batch = batches.batch(rows);
        Map<String, INDArray> feed = graph.feed(batch);
        String[] names = layers.stream().map(SDVariable::name).toArray(String[]::new);
        Map<String, INDArray> out = graph.sd().output(feed, names);
        INDArray tokens = batch.getFeatures(0);
        INDArray mask = batch.getFeatures(1);
        List<Map<String, Object>> examples = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int length = mask.getRow(e).sumNumber().intValue();
            List<Integer> exampleTokens = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                exampleTokens.add(tokens.getInt(e, t));
            }
            List<Object> perLayer = new ArrayList<>();
            for (String name : names) {
                perLayer.add(heads(out.get(name), e, length));
            }
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("tokens", exampleTokens);
            example.put("length", length);
            example.put("layers", perLayer);
            examples.add(example);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("trial", trialId);
        document.put("examples", examples);
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve("attention.json").toFile(), document);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write attention maps into " + directory, ex);
        }
    }

    /** [heads][q][k] of example {@code e} from weights shaped [batch, heads, q, k] or [batch, q, k]. */
    private static List<List<List<Float>>> heads(INDArray weights, int e, int length) {
        long heads = weights.rank() == 4 ? weights.size(1) : 1;
        List<List<List<Float>>> result = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            List<List<Float>> map = new ArrayList<>();
            int queries = (int) Math.min(length, weights.size(weights.rank() - 2));
            for (int q = 0; q < queries; q++) {
                List<Float> row = new ArrayList<>();
                for (int k = 0; k < length; k++) {
                    row.add(weights.rank() == 4 ? weights.getFloat(e, h, q, k) : weights.getFloat(e, q, k));
                }
                map.add(row);
            }
            result.add(map);
        }
        return result;
    }
}
