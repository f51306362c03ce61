package dev.awb.datasets.synthetic;

import dev.awb.api.Plugin;
import dev.awb.api.dataset.SequenceDataset;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/**
 * Sorting as a per-position task: at position i the target is the i-th smallest symbol of the input
 * string (ties kept). A classic probe of content-based, permutation-learning attention (e.g. Vinyals et
 * al. 2015, "Pointer Networks").
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "sort",
        summary = "Sort a random string: at each position, the symbol the sorted string has there")
public class SortDataset extends RearrangementTask {
    @Override
    int[] rearranged(int[] symbols) {
        int[] sorted = symbols.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
