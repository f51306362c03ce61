package dev.awb.datasets.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTests {
    @Test
    void numbersTokensByFrequencyThenStringOrder() {
        Vocabulary vocabulary = Vocabulary.of(Map.of("b", 2, "a", 2, "c", 5, "rare", 1), 2, 100);
        assertEquals(List.of("c", "a", "b"), vocabulary.tokens());
        assertEquals(5, vocabulary.size());
        int[] row = new int[5];
        assertEquals(4, vocabulary.encode(List.of("a", "rare", "c", "b"), row));
        assertArrayEquals(new int[] {3, Vocabulary.UNKNOWN, 2, 4, Vocabulary.PAD}, row);
    }

    @Test
    void splitsWordsDigitsAndPunctuation() {
        assertEquals(List.of("don", "'", "t", "pay", "42", "€", "now", "!"),
                Tokenization.WORD.split("Don't pay 42€ now!", true));
        assertEquals(List.of("A", "é", " "), Tokenization.CHARACTER.split("Aé ", false));
    }
}
