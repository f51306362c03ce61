package dev.awb.datasets.synthetic;

import dev.awb.api.Plugin;
import dev.awb.api.dataset.SequenceDataset;
import org.osgi.service.component.annotations.Component;

/**
 * Reversal as a per-position task: at position i of a string of length n the target is the symbol at
 * position n - 1 - i. It needs purely positional attention relative to the string's end, so it probes how
 * a mechanism combines position with padding (the strings vary in length).
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "reverse",
        summary = "Reverse a random string: at each position, the symbol mirrored about the string's middle")
public class ReverseDataset extends RearrangementTask {
    @Override
    int[] rearranged(int[] symbols) {
        int n = symbols.length;
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = symbols[n - 1 - i];
        }
        return reversed;
    }
}
