package dev.awb.datasets.files;

import dev.awb.api.PluginConfigurationException;
import java.util.SplittableRandom;

/**
 * Which split a record of a training file belongs to when no separate validation or test file is given:
 * a fixed pseudo-random draw per record index, independent of the trial seed. The split is therefore the
 * same for every trial and for {@code spec} and {@code generate}, so the vocabulary is built from training
 * records only and nothing of the held-out records leaks into it.
 *
 * @param validation fraction of records held out for validation (0 when a validation file is given)
 * @param test fraction held out for testing (0 when a test file is given)
 */
record HeldOut(double validation, double test) {
    /** Training, validation and test. */
    enum Split { TRAIN, VALIDATION, TEST }

    HeldOut {
        if (validation + test >= 1) {
            throw new PluginConfigurationException("validation_fraction", "validation_fraction + test_fraction must "
                    + "leave records for training, found " + validation + " + " + test);
        }
    }

    Split of(long index) {
        double u = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 0x5DEECE66DL).nextDouble();
        return u < validation ? Split.VALIDATION : u < validation + test ? Split.TEST : Split.TRAIN;
    }
}
