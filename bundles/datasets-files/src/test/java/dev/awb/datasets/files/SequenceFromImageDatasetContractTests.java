package dev.awb.datasets.files;

import dev.awb.api.Params;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.testkit.DatasetContract;
import java.util.List;
import java.util.Map;

/** The test kit's dataset contract on pixel sequences from the shipped 8x8 digits (held-out records are a fixed draw per record index, the same for every seed). */
class SequenceFromImageDatasetContractTests implements DatasetContract {
    /** The repository's shipped corpora, from this module's folder (where Maven runs the tests). */
    private static final String DATA = "../../datasets/";

    private final SequenceFromImageDataset dataset = new SequenceFromImageDataset();

    @Override
    public SequenceDataset dataset() {
        return dataset;
    }

    @Override
    public Params params() {
        return Params.defaults(dataset.params()).with("train", DATA + "digits/digits.csv");
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("validation_fraction", 0.7, "test_fraction", 0.5), Map.of("train", DATA + "digits/absent.csv"));
    }

    /** HeldOut: which records are held out is fixed per record index, so that every trial compares on one test set. */
    @Override
    public boolean seedChangesData() {
        return false;
    }
}
