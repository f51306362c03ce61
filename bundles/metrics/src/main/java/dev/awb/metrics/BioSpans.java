package dev.awb.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity spans read from BIO tags the way CoNLL's {@code conlleval} script reads them (Tjong Kim Sang &amp;
 * De Meulder 2003): a chunk starts at {@code B-X}, or at {@code I-X} after {@code O} or after a tag of another
 * type; it ends before {@code O}, before any {@code B-}, before a tag of another type, or at the end of the
 * sentence. So a stray {@code I-X} opens a chunk, as in IOB1.
 */
final class BioSpans {
    /** A chunk: sentence, first and last token index within the sentence's tag list, and type. */
    record Span(int sentence, int start, int end, String type) {
    }

    private BioSpans() {
    }

    /** The chunks of one sentence's tags ({@code O}, {@code B-TYPE}, {@code I-TYPE}). */
    static List<Span> of(int sentence, List<String> tags) {
        List<Span> spans = new ArrayList<>();
        int start = -1;
        String type = "";
        String previousPrefix = "O";
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String prefix = tag.equals("O") ? "O" : tag.substring(0, 1);
            String tagType = tag.equals("O") ? "" : tag.substring(2);
            boolean typeChanges = !tagType.equals(type);
            if (start >= 0 && (prefix.equals("O") || prefix.equals("B") || typeChanges)) {
                spans.add(new Span(sentence, start, i - 1, type));
                start = -1;
            }
            boolean starts = prefix.equals("B") || (prefix.equals("I") && (previousPrefix.equals("O") || typeChanges));
            if (starts) {
                start = i;
            }
            type = tagType;
            previousPrefix = prefix;
        }
        return spans;
    }

    /** Whether {@code tag} is a BIO tag: {@code O}, {@code B-TYPE} or {@code I-TYPE} with a non-empty type. */
    static boolean isTag(String tag) {
        return tag.equals("O") || ((tag.startsWith("B-") || tag.startsWith("I-")) && tag.length() > 2);
    }
}
