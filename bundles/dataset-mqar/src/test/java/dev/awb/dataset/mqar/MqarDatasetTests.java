package dev.awb.dataset.mqar;

import java.util.List;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.testkit.DatasetContract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqarDatasetTests implements DatasetContract {
    private final MqarDataset mqar = new MqarDataset();
    private final Params small = Params.defaults(mqar.params()).with("vocab", 20).with("pairs", 4).with("queries", 3)
            .with("train_size", 50).with("validation_size", 10).with("test_size", 20);

    @Override
    public SequenceDataset dataset() {
        return mqar;
    }

    @Override
    public Params params() {
        return small;
    }

    @Override
    public List<Map<String, Object>> contradictoryParams() {
        return List.of(Map.of("pairs", 10), Map.of("length", 10));
    }

    @Test
    void sameSeedGivesIdenticalData() {
        TaskData a = mqar.generate(small, 7);
        TaskData b = mqar.generate(small, 7);
        for (Examples[] pair : new Examples[][] {{a.train(), b.train()}, {a.validation(), b.validation()}, {a.test(), b.test()}}) {
            assertTrue(Arrays.deepEquals(pair[0].tokens(), pair[1].tokens()));
            assertTrue(Arrays.deepEquals(pair[0].targets(), pair[1].targets()));
        }
    }

    @Test
    void differentSeedsGiveDifferentData() {
        assertFalse(Arrays.deepEquals(mqar.generate(small, 7).train().tokens(), mqar.generate(small, 8).train().tokens()));
    }

    @Test
    void testSplitDoesNotDependOnTrainingSize() {
        TaskData a = mqar.generate(small, 7);
        TaskData b = mqar.generate(small.with("train_size", 500), 7);
        assertTrue(Arrays.deepEquals(a.test().tokens(), b.test().tokens()));
    }

    @Test
    void everyQueryIsAnsweredByTheValuePairedWithItsKey() {
        Examples train = mqar.generate(small, 3).train();
        int queries = 0;
        for (int n = 0; n < train.size(); n++) {
            int[] tokens = train.tokens()[n];
            Map<Integer, Integer> pairs = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                assertFalse(pairs.containsKey(tokens[2 * i]), "keys are distinct within a sequence");
                pairs.put(tokens[2 * i], tokens[2 * i + 1]);
            }
            for (int t = 0; t < tokens.length; t++) {
                int target = train.targets()[n][t];
                if (target != Examples.IGNORE) {
                    assertEquals(pairs.get(tokens[t]), target, "query at " + t + " of example " + n);
                    queries++;
                }
            }
        }
        assertEquals(50 * 3, queries);
    }

    @Test
    void specMatchesGeneratedShapes() {
        TaskSpec spec = mqar.spec(small.with("length", 16));
        assertEquals(new TaskSpec(20, 20, 16, TaskSpec.Target.TOKEN, 3), spec);
        TaskData data = mqar.generate(small.with("length", 16), 1);
        assertArrayEquals(Arrays.copyOfRange(data.train().tokens()[0], 13, 16), data.train().context()[0],
                "the context is the queried keys");
        assertEquals(16, data.train().tokens()[0].length);
        assertArrayEquals(new int[] {MqarDataset.BLANK, MqarDataset.BLANK},
                Arrays.copyOfRange(data.train().tokens()[0], 8, 10), "blank filler between pairs and queries");
    }

    @Test
    void rejectsMorePairsThanKeys() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> mqar.spec(small.with("pairs", 10)));
        assertEquals("pairs", e.parameter());
        assertEquals("pairs must not exceed the number of keys (9 for vocab 20), found 10", e.getMessage());
    }

    @Test
    void rejectsLengthTooShortForPairsAndQueries() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> mqar.spec(small.with("length", 10)));
        assertEquals("length must be at least 2 x pairs + queries (11), found 10", e.getMessage());
    }

    @Test
    void powerLawSpacingPutsQueriesOnSlotsAfterThePairs() {
        Params spaced = small.with("spacing", "power_law").with("length", 40).with("power_a", 0.5);
        Examples train = mqar.generate(spaced, 5).train();
        for (int n = 0; n < train.size(); n++) {
            int[] tokens = train.tokens()[n];
            Map<Integer, Integer> pairs = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                pairs.put(tokens[2 * i], tokens[2 * i + 1]);
            }
            int queries = 0;
            for (int t = 0; t < 40; t++) {
                int target = train.targets()[n][t];
                if (target != Examples.IGNORE) {
                    assertTrue(t >= 8 && (t - 8) % 2 == 0, "query at an even offset after the pairs, found " + t);
                    assertEquals(pairs.get(tokens[t]), target);
                    queries++;
                } else if (t >= 8) {
                    assertEquals(MqarDataset.BLANK, tokens[t]);
                }
            }
            assertEquals(3, queries);
        }
    }

    @Test
    void smallerPowerLawExponentPutsQueriesCloserToThePairs() {
        double steep = meanQueryPosition(small.with("spacing", "power_law").with("length", 88).with("power_a", 0.05));
        double flat = meanQueryPosition(small.with("spacing", "power_law").with("length", 88).with("power_a", 1.0));
        // a = 1 is uniform over the 40 slots: mean position 8 + 2 x 19.5 = 47
        assertEquals(47, flat, 3);
        assertTrue(steep < flat - 10, "a = 0.05 gives mean " + steep + ", uniform " + flat);
    }

    private double meanQueryPosition(Params params) {
        Examples train = mqar.generate(params.with("train_size", 400), 1).train();
        long sum = 0;
        long count = 0;
        for (int[] targets : train.targets()) {
            for (int t = 0; t < targets.length; t++) {
                if (targets[t] != Examples.IGNORE) {
                    sum += t;
                    count++;
                }
            }
        }
        return (double) sum / count;
    }

    @Test
    void powerLawSpacingRejectsMoreQueriesThanPairs() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> mqar.spec(small.with("spacing", "power_law").with("queries", 5).with("length", 40)));
        assertEquals("queries", e.parameter());
        assertEquals("queries must not exceed pairs (4) for power_law spacing, which asks each key at most once, found 5",
                e.getMessage());
    }

    @Test
    void powerLawSpacingNeedsTwoSlotsPerQuery() {
        PluginConfigurationException e = assertThrows(PluginConfigurationException.class,
                () -> mqar.spec(small.with("spacing", "power_law").with("length", 13)));
        assertEquals("length must be at least 2 x (pairs + queries) for power_law spacing (14), found 13", e.getMessage());
    }
}
