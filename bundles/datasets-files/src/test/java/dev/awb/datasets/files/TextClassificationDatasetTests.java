package dev.awb.datasets.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextClassificationDatasetTests {
    private final TextClassificationDataset dataset = new TextClassificationDataset();

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private Params params(Path train, Path test) {
        return Params.defaults(dataset.params()).with("train", train.toString()).with("test", test.toString())
                .with("validation", test.toString()).with("length", 6).with("text_column", "body").with("label_column", "kind");
    }

    @Test
    void readsCsvColumnsByNameAndNumbersTokensByFrequency() throws IOException {
        Path train = write("train.csv", "id,kind,body", "1,spam,\"Buy now, buy!\"", "2,ham,see you now", "3,spam,buy buy");
        Path test = write("test.csv", "id,kind,body", "9,ham,buy tea");
        TaskData data = dataset.generate(params(train, test), 1);
        // counts: buy 4, now 2, then ',' '!' see you (1 each, string order: ! , see you)
        assertEquals(new TaskSpec(8, 2, 6, TaskSpec.Target.SEQUENCE, List.of("ham", "spam")), data.spec());
        assertArrayEquals(new int[] {2, 3, 5, 2, 4, 0}, data.train().tokens()[0], "buy now , buy ! <pad>");
        assertArrayEquals(new int[] {5, 3, 2}, data.train().lengths());
        assertArrayEquals(new int[][] {{1}, {0}, {1}}, data.train().targets());
        assertArrayEquals(new int[] {2, Vocabulary.UNKNOWN, 0, 0, 0, 0}, data.test().tokens()[0], "tea is unknown");
    }

    @Test
    void readsTheSameRecordsFromTsvAndJsonLines() throws IOException {
        Path csv = write("a.csv", "kind,body", "x,\"hello, world\"", "y,bye");
        Path tsv = write("a.tsv", "kind\tbody", "x\thello, world", "y\tbye");
        Path jsonl = write("a.jsonl", "{\"kind\": \"x\", \"body\": \"hello, world\"}", "", "{\"kind\": \"y\", \"body\": \"bye\"}");
        TaskData fromCsv = dataset.generate(params(csv, csv), 1);
        for (Path other : List.of(tsv, jsonl)) {
            TaskData data = dataset.generate(params(other, other), 1);
            assertTrue(Arrays.deepEquals(fromCsv.train().tokens(), data.train().tokens()), other.toString());
            assertTrue(Arrays.deepEquals(fromCsv.train().targets(), data.train().targets()), other.toString());
        }
    }

    @Test
    void truncatesLongTextsAndTokenizesCharacters() throws IOException {
        Path train = write("t.csv", "kind,body", "a,abcabcabc");
        TaskData data = dataset.generate(params(train, train).with("tokens", "char").with("length", 4), 1);
        assertEquals(4, data.train().lengths()[0]);
        assertArrayEquals(new int[] {2, 3, 4, 2}, data.train().tokens()[0], "a b c a, each seen 3 times, string order");
    }

    @Test
    void minimumFrequencyAndMaximumSizeLimitTheVocabulary() throws IOException {
        Path train = write("t.csv", "kind,body", "a,x x x y y z");
        assertEquals(4, dataset.spec(params(train, train).with("min_frequency", 2)).vocabSize(), "pad, unknown, x, y");
        assertEquals(3, dataset.spec(params(train, train).with("max_vocab", 3)).vocabSize(), "pad, unknown, x");
    }

    @Test
    void malformedCsvRecordNamesFileAndLine() throws IOException {
        Path train = write("bad.csv", "kind,body", "a,\"two\nlines\"", "b,fine", "c,too,many");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> dataset.spec(params(train, train)));
        assertEquals(5, e.line(), "the record after a quoted two-line field starts on line 5");
        assertEquals(train + " line 5: expected 2 columns [kind, body], found 3", e.getMessage());
        assertEquals("train", e.parameter());
    }

    @Test
    void malformedJsonLineNamesFileAndLine() throws IOException {
        Path train = write("bad.jsonl", "{\"kind\": \"a\", \"body\": \"ok\"}", "{\"kind\": \"b\"}");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> dataset.spec(params(train, train)));
        assertEquals(train + " line 2: no text in 'body'", e.getMessage());
        Path broken = write("broken.jsonl", "{\"kind\": \"a\", \"body\": \"ok\"}", "{\"kind\": ");
        e = assertThrows(MalformedRecordException.class, () -> dataset.spec(params(broken, broken)));
        assertTrue(e.getMessage().startsWith(broken + " line 2: not valid JSON"), e.getMessage());
    }

    @Test
    void skipsAndCountsMalformedRecordsWhenAsked() throws IOException {
        Path train = write("bad.csv", "kind,body", "a,one", "b", "c,three", ",four");
        TaskData data = dataset.generate(params(train, train).with("skip_bad_records", true), 1);
        assertEquals(2, data.train().size());
        assertEquals(List.of("a", "c"), data.spec().classNames());
        assertEquals(java.util.Map.of(TaskData.SKIPPED_RECORDS, 2L), data.counts(), "'b' lacks a column, ',four' has no label");
    }

    @Test
    void aLabelSeenOnlyInTheTestFileIsAClassNeverTrained() throws IOException {
        Path train = write("train.csv", "kind,body", "spam,one", "ham,two");
        Path test = write("test.csv", "kind,body", "eggs,three", "ham,two");
        TaskData data = dataset.generate(params(train, test), 1);
        assertEquals(List.of("eggs", "ham", "spam"), data.spec().classNames());
        assertEquals(0, data.test().targets()[0][0], "eggs");
        assertTrue(java.util.Arrays.stream(data.train().targets()).noneMatch(t -> t[0] == 0), "never trained");
    }

    @Test
    void missingColumnMissingFileAndEmptyFileAreNamed() throws IOException {
        Path train = write("t.csv", "kind,text", "a,one");
        assertEquals(train + " line 1: no column 'body' in the header; columns: [kind, text]",
                assertThrows(MalformedRecordException.class, () -> dataset.spec(params(train, train))).getMessage());
        Path absent = dir.resolve("absent.csv");
        assertEquals("train file " + absent + " does not exist",
                assertThrows(PluginConfigurationException.class, () -> dataset.spec(params(absent, train))).getMessage());
        Path empty = write("empty.csv", "kind,body");
        assertEquals("train file " + empty + " holds no records",
                assertThrows(PluginConfigurationException.class, () -> dataset.spec(params(empty, train))).getMessage());
        assertEquals("train", assertThrows(PluginConfigurationException.class,
                () -> dataset.spec(Params.defaults(dataset.params()))).parameter());
    }

    @Test
    void fixedLabelsRejectOthersAndKeepTheirOrder() throws IOException {
        Path train = write("t.csv", "kind,body", "spam,one", "ham,two");
        assertEquals(List.of("spam", "ham"), dataset.spec(params(train, train).with("labels", "spam, ham")).classNames());
        Path test = write("test.csv", "kind,body", "eggs,three");
        assertEquals(test + " line 2: label 'eggs' is not one of [spam, ham]", assertThrows(MalformedRecordException.class,
                () -> dataset.spec(params(train, test).with("labels", "spam,ham"))).getMessage());
    }

    @Test
    void holdsOutDisjointSplitsThatDoNotDependOnTheSeed() throws IOException {
        String[] lines = new String[401];
        lines[0] = "kind,body";
        for (int i = 1; i <= 400; i++) {
            lines[i] = (i % 3) + "," + (char) ('a' + i % 26) + (char) ('a' + i / 26);
        }
        Path train = write("many.csv", lines);
        Params held = params(train, train).with("validation", "").with("test", "").with("min_frequency", 1)
                .with("max_vocab", 1000);
        TaskData a = dataset.generate(held, 1);
        TaskData b = dataset.generate(held, 2);
        assertTrue(Arrays.deepEquals(a.test().tokens(), b.test().tokens()));
        assertEquals(400, a.train().size() + a.validation().size() + a.test().size());
        assertTrue(a.validation().size() > 20 && a.test().size() > 20, a.validation().size() + " / " + a.test().size());
        // words of held-out records are not in the training vocabulary
        assertEquals(Vocabulary.UNKNOWN, a.test().tokens()[0][0]);
        assertEquals(List.of("0", "1", "2"), a.spec().classNames());
    }
}
