package dev.awb.datasets.files;

import dev.awb.api.Params;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.testkit.DatasetContract;
import java.util.List;
import java.util.Map;

/** The test kit's dataset contract on token tagging from the shipped Sherlock NER files (fixed train, validation and test files: the seed changes nothing). */
class TokenTaggingDatasetContractTests implements DatasetContract {
    /** The repository's shipped corpora, from this module's folder (where Maven runs the tests). */
    private static final String DATA = "../../datasets/";

    private final TokenTaggingDataset dataset = new TokenTaggingDataset();

    @Override
    public SequenceDataset dataset() {
        return dataset;
    }

    @Override
    public Params params() {
        return Params.defaults(dataset.params()).with("train", DATA + "sherlock-ner/train.conll")
                .with("validation", DATA + "sherlock-ner/validation.conll").with("test", DATA + "sherlock-ner/test.conll")
                .with("length", 48);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("test", DATA + "sherlock-ner/absent.conll"));
    }

    @Override
    public boolean seedChangesData() {
        return false;
    }
}
