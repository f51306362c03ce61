package dev.awb.datasets.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids for the tokens of a training set: 0 is padding, 1 stands for every unknown or rare token, and
 * the kept tokens follow from the most frequent down (ties in string order, so the ids do not depend on
 * the file's order of first appearance).
 */
final class Vocabulary {
    static final int PAD = 0;
    static final int UNKNOWN = 1;
    private static final int SPECIAL = 2;

    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> kept) {
        for (int i = 0; i < kept.size(); i++) {
            ids.put(kept.get(i), SPECIAL + i);
        }
    }

    /**
     * The tokens seen at least {@code minFrequency} times, the most frequent first, at most
     * {@code maxSize} ids in all (padding and unknown included).
     */
    static Vocabulary of(Map<String, Integer> counts, int minFrequency, int maxSize) {
        List<String> kept = new ArrayList<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= minFrequency)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(0, maxSize - SPECIAL))
                .forEach(e -> kept.add(e.getKey()));
        return new Vocabulary(kept);
    }

    /** The number of ids, padding and unknown included. */
    int size() {
        return SPECIAL + ids.size();
    }

    /** The id of {@code token}, {@link #UNKNOWN} if it was not kept. */
    int id(String token) {
        return ids.getOrDefault(token, UNKNOWN);
    }

    /** The kept tokens in id order, for inspection. */
    List<String> tokens() {
        List<String> tokens = new ArrayList<>(ids.keySet());
        tokens.sort(Comparator.comparing(ids::get));
        return tokens;
    }

    /**
     * {@code tokens} as ids in a row of {@code length}: truncated to its first {@code length} tokens, padded
     * with {@link #PAD} after them.
     *
     * @return the number of real tokens written
     */
    int encode(List<String> tokens, int[] row) {
        int n = Math.min(tokens.size(), row.length);
        for (int t = 0; t < n; t++) {
            row[t] = id(tokens.get(t));
        }
        return n;
    }
}
