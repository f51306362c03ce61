package dev.awb.datasets.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How text becomes tokens. */
enum Tokenization {
    /** Runs of letters (with marks), runs of digits, and each other non-space character on its own. */
    WORD,
    /** Each Unicode code point, spaces included. */
    CHARACTER;

    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{M}]+|\\p{N}+|[^\\s\\p{L}\\p{M}\\p{N}]");

    /** The parameter value naming this tokenization. */
    String label() {
        return this == WORD ? "word" : "char";
    }

    static Tokenization of(String label) {
        return "char".equals(label) ? CHARACTER : WORD;
    }

    List<String> split(String text, boolean lowercase) {
        String source = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> tokens = new ArrayList<>();
        if (this == CHARACTER) {
            source.codePoints().forEach(c -> tokens.add(new String(Character.toChars(c))));
            return tokens;
        }
        Matcher matcher = WORDS.matcher(source);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
