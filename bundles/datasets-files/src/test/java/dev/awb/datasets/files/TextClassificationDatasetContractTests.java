package dev.awb.datasets.files;

import dev.awb.api.Params;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.testkit.DatasetContract;
import java.util.List;
import java.util.Map;

/** The test kit's dataset contract on text classification from the shipped names corpus (characters, held-out splits drawn from the seed). */
class TextClassificationDatasetContractTests implements DatasetContract {
    /** The repository's shipped corpora, from this module's folder (where Maven runs the tests). */
    private static final String DATA = "../../datasets/";

    private final TextClassificationDataset dataset = new TextClassificationDataset();

    @Override
    public SequenceDataset dataset() {
        return dataset;
    }

    @Override
    public Params params() {
        return Params.defaults(dataset.params()).with("train", DATA + "names/names.csv").with("text_column", "name").with("label_column", "gender")
                .with("tokens", "char").with("length", 16);
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("validation_fraction", 0.6, "test_fraction", 0.5), Map.of("train", DATA + "names/absent.csv"));
    }

    /** HeldOut: which records are held out is fixed per record index, so that every trial compares on one test set. */
    @Override
    public boolean seedChangesData() {
        return false;
    }
}
