package dev.awb.runtime.experiment;

import java.util.Collection;
import java.util.Comparator;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" hints for misspelled keys and names, by edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * {@code "; did you mean 'x'?"} for the closest candidate at most two edits away (a third of its length for
     * long names), else "". A swap of two letters counts as two edits.
     */
    static String didYouMean(String found, Collection<String> candidates) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return candidates.stream()
                .filter(c -> {
                    int d = distance.apply(found, c);
                    return d < c.length() && d <= Math.max(2, c.length() / 3);
                })
                .min(Comparator.comparingInt(c -> distance.apply(found, c)))
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("");
    }
}
