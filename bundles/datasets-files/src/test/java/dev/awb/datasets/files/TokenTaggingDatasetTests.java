package dev.awb.datasets.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTaggingDatasetTests {
    private final TokenTaggingDataset dataset = new TokenTaggingDataset();

    @TempDir
    Path dir;

    private static final String CONLL = """
            -DOCSTART- -X- -X- O

            EU NNP B-NP B-ORG
            rejects VBZ B-VP O
            German JJ B-NP B-MISC
            call NN I-NP O

            Peter NNP B-NP B-PER
            Blackburn NNP I-NP I-PER
            """;

    private Params params(Path train) {
        return Params.defaults(dataset.params()).with("train", train.toString()).with("validation", train.toString())
                .with("test", train.toString()).with("length", 3);
    }

    @Test
    void readsSentencesWithTagNamesForEntityMetrics() throws IOException {
        Path train = Files.writeString(dir.resolve("train.conll"), CONLL);
        TaskData data = dataset.generate(params(train), 1);
        List<String> tags = List.of("O", "B-MISC", "B-ORG", "B-PER", "I-PER");
        assertEquals(new TaskSpec(8, 5, 3, TaskSpec.Target.TOKEN, tags), data.spec());
        assertEquals(2, data.train().size(), "the -DOCSTART- line is no sentence");
        assertArrayEquals(new int[] {2, 0, 1}, data.train().targets()[0], "EU/B-ORG rejects/O German/B-MISC, 'call' truncated");
        assertArrayEquals(new int[] {3, 4, Examples.IGNORE}, data.train().targets()[1]);
        assertArrayEquals(new int[] {3, 2}, data.train().lengths());
    }

    @Test
    void ordersTagsOutsideFirstThenByTypeBeginBeforeInside() {
        assertEquals(List.of("O", "B-LOC", "I-LOC", "B-PER", "I-PER"),
                TokenTaggingDataset.order(Set.of("I-PER", "B-LOC", "O", "B-PER", "I-LOC")));
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path train = Files.writeString(dir.resolve("bad.conll"), "EU B-ORG\nrejects X-VERB\n\n");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> dataset.spec(params(train)));
        assertEquals(train + " line 2: tag 'X-VERB' is not O, B-TYPE or I-TYPE", e.getMessage());
        Path lonely = Files.writeString(dir.resolve("lonely.conll"), "EU B-ORG\nrejects\n\n");
        e = assertThrows(MalformedRecordException.class, () -> dataset.spec(params(lonely)));
        assertEquals(lonely + " line 2: expected the token in column 0 and the tag in column -1, found 1 column(s)",
                e.getMessage());
    }

    @Test
    void skipsWholeSentencesWithAMalformedLineWhenAsked() throws IOException {
        Path train = Files.writeString(dir.resolve("bad.conll"), "EU B-ORG\nrejects ?\n\nPeter B-PER\n");
        TaskData data = dataset.generate(params(train).with("skip_bad_records", true), 1);
        assertEquals(1, data.train().size());
        assertEquals(List.of("B-PER"), data.spec().classNames(), "tags of skipped sentences are not classes");
        assertEquals(Map.of(TaskData.SKIPPED_RECORDS, 1L), data.counts(), "one file read for all three splits: "
                + "its malformed sentence counts once");
    }

    @Test
    void countsSkippedSentencesOfEachFileAndUnknownTagsPerSplit() throws IOException {
        Path train = Files.writeString(dir.resolve("train.conll"), "EU B-ORG\nrejects ?\n\nPeter B-PER\n");
        Path test = Files.writeString(dir.resolve("test.conll"), "Paris B-LOC\n\nBlackburn B-PER\n\nBonn O\n");
        TaskData data = dataset.generate(params(train).with("test", test.toString()).with("tags", "O,B-PER")
                .with("skip_bad_records", true), 1);
        assertEquals(2, data.test().size(), "the B-LOC sentence is left out of the test split");
        assertEquals(Map.of(TaskData.SKIPPED_RECORDS, 2L), data.counts(), "1 malformed in train + 1 unknown tag in test");
        assertEquals(Map.of(), dataset.generate(params(Files.writeString(dir.resolve("ok.conll"), "EU B-ORG\n")), 1)
                .counts(), "nothing is counted unless skip_bad_records asks for it");
    }

    @Test
    void aTagSeenOnlyInTheTestFileIsAClassNeverTrainedUnlessTagsAreFixed() throws IOException {
        Path train = Files.writeString(dir.resolve("train.conll"), "Peter B-PER\nsleeps O\n");
        Path test = Files.writeString(dir.resolve("test.conll"), "Paris B-LOC\nsleeps O\n");
        TaskData data = dataset.generate(params(train).with("test", test.toString()), 1);
        assertEquals(List.of("O", "B-LOC", "B-PER"), data.spec().classNames());
        assertArrayEquals(new int[] {1, 0, Examples.IGNORE}, data.test().targets()[0]);
        assertArrayEquals(new int[] {2, 0, Examples.IGNORE}, data.train().targets()[0]);
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> dataset.spec(params(train).with("test", test.toString()).with("tags", "O,B-PER,I-PER")));
        assertEquals(test + " line 1: tag 'B-LOC' is not one of [O, B-PER, I-PER]", e.getMessage());
        assertEquals("test", e.parameter());
    }

    @Test
    void anEmptyFileIsNamedNotRead() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.conll"), "-DOCSTART- -X- O\n\n");
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> dataset.spec(params(empty)));
        assertEquals("train file " + empty + " holds no sentences", e.getMessage());
        assertEquals("train", e.parameter());
    }

    @Test
    void aSentenceLongerThanTheLengthKeepsItsFirstTokensAndUnknownTokensGetTheUnknownId() throws IOException {
        Path train = Files.writeString(dir.resolve("train.conll"), "a O\nb O\nc B-PER\nd I-PER\ne O\n");
        Path test = Files.writeString(dir.resolve("test.conll"), "zz O\nb O\nc B-PER\nd I-PER\ne O\n");
        TaskData data = dataset.generate(params(train).with("test", test.toString()), 1);
        assertEquals(3, data.test().lengths()[0]);
        assertEquals(Vocabulary.UNKNOWN, data.test().tokens()[0][0], "a token never seen in training");
        assertArrayEquals(new int[] {0, 0, 1}, data.test().targets()[0], "tokens past the length are not scored");
    }
}
