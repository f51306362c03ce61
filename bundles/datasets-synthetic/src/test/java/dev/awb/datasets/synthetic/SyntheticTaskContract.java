package dev.awb.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What every synthetic task must do: determinism per seed, independent splits, shapes that match its spec. */
interface SyntheticTaskContract {
    SequenceDataset dataset();

    /** Small parameters (a few dozen examples per split). */
    Params small();

    @Test
    default void sameSeedGivesIdenticalSplits() {
        TaskData a = dataset().generate(small(), 7);
        TaskData b = dataset().generate(small(), 7);
        for (Examples[] pair : new Examples[][] {{a.train(), b.train()}, {a.validation(), b.validation()},
                {a.test(), b.test()}}) {
            assertTrue(Arrays.deepEquals(pair[0].tokens(), pair[1].tokens()));
            assertTrue(Arrays.deepEquals(pair[0].targets(), pair[1].targets()));
            assertTrue(Arrays.equals(pair[0].lengths(), pair[1].lengths()));
        }
    }

    @Test
    default void differentSeedsGiveDifferentData() {
        assertFalse(Arrays.deepEquals(dataset().generate(small(), 7).train().tokens(),
                dataset().generate(small(), 8).train().tokens()));
    }

    @Test
    default void splitsComeFromDifferentStreams() {
        TaskData data = dataset().generate(small(), 7);
        int rows = Math.min(data.train().size(), data.test().size());
        assertFalse(Arrays.deepEquals(Arrays.copyOf(data.train().tokens(), rows), Arrays.copyOf(data.test().tokens(), rows)));
        assertFalse(Arrays.deepEquals(Arrays.copyOf(data.validation().tokens(), Math.min(rows, data.validation().size())),
                Arrays.copyOf(data.test().tokens(), Math.min(rows, data.validation().size()))));
    }

    @Test
    default void testSplitDoesNotDependOnTrainingSize() {
        TaskData a = dataset().generate(small(), 7);
        TaskData b = dataset().generate(small().with("train_size", 3 * small().getInt("train_size")), 7);
        assertTrue(Arrays.deepEquals(a.test().tokens(), b.test().tokens()));
    }

    @Test
    default void examplesMatchTheSpec() {
        TaskData data = dataset().generate(small(), 3);
        TaskSpec spec = dataset().spec(small());
        assertEquals(spec, data.spec());
        assertEquals(small().getInt("train_size"), data.train().size());
        for (Examples split : new Examples[] {data.train(), data.validation(), data.test()}) {
            for (int n = 0; n < split.size(); n++) {
                int[] tokens = split.tokens()[n];
                assertEquals(spec.length(), tokens.length);
                assertEquals(spec.target() == TaskSpec.Target.TOKEN ? spec.length() : 1, split.targets()[n].length);
                int length = split.lengths()[n];
                assertTrue(length >= 1 && length <= spec.length(), "length " + length);
                boolean scored = false;
                for (int t = 0; t < spec.length(); t++) {
                    assertTrue(tokens[t] >= 0 && tokens[t] < spec.vocabSize(), "token " + tokens[t]);
                    assertEquals(t >= length, tokens[t] == SyntheticTask.PAD, "padding exactly past the length, at " + t);
                }
                for (int target : split.targets()[n]) {
                    assertTrue(target == Examples.IGNORE || (target >= 0 && target < spec.numClasses()), "target " + target);
                    scored |= target != Examples.IGNORE;
                }
                assertTrue(scored, "every example has at least one target");
            }
        }
    }
}
