package dev.awb.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every dataset plugin keeps: generated data consistent with its spec (the {@link DatasetConformance}
 * checks the runtime also runs on every trial), the same data for the same seed, other data for another seed, splits
 * drawn independently (the held-out splits do not move when the training split grows), and contradictory parameters
 * refused with a parameter named.
 *
 * <pre>{@code
 * class SortDatasetTests implements DatasetContract {
 *     public SequenceDataset dataset() { return new SortDataset(); }
 *     public Params params() { return Params.defaults(dataset().params()).with("train_size", 50); }
 *     public List<Map<String, Object>> contradictoryParams() { return List.of(Map.of("min_length", 99)); }
 * }
 * }</pre>
 */
public interface DatasetContract {

    /** The dataset under test. */
    SequenceDataset dataset();

    /**
     * Small parameters for the checks (a few dozen examples per split keep the contract fast): the plugin's defaults
     * unless overridden.
     */
    default Params params() {
        return Params.defaults(dataset().params());
    }

    /**
     * Parameter changes, each applied to {@link #params()}, that the dataset must refuse with a
     * {@link PluginConfigurationException} from {@code spec} or {@code generate} naming one of the changed parameters
     * (e.g. more pairs than the vocabulary holds). Ranges declared on a {@link ParamSpec} are enforced by the runtime
     * before the plugin sees them; these are the contradictions only the plugin can see. {@code null} means "not
     * known" and aborts that one test (only {@code awb plugin check} does that; a plugin's own test class lists
     * them).
     */
    List<Map<String, Object>> contradictoryParams();

    /**
     * False for a dataset whose data does not depend on the seed at all (e.g. fixed train/validation/test files used
     * as they are); true by default.
     */
    default boolean seedChangesData() {
        return true;
    }

    /**
     * The parameter that sets the training split's size, whose growth must leave the validation and test splits
     * unchanged; {@code train_size} when declared, else null (then only "splits differ" is checked).
     */
    default String trainingSizeParameter() {
        return dataset().params().stream().anyMatch(p -> p.name().equals("train_size")) ? "train_size" : null;
    }

    @Test
    default void generatedDataKeepsItsSpec() {
        TaskData data = dataset().generate(params(), 3);
        assertNotNull(data, "generate returned null");
        List<DatasetConformance.Violation> violations = DatasetConformance.check(data, dataset().spec(params()));
        assertTrue(violations.isEmpty(), DatasetConformance.describe(violations));
    }

    @Test
    default void sameSeedGivesIdenticalSplits() {
        TaskData a = dataset().generate(params(), 7);
        TaskData b = dataset().generate(params(), 7);
        for (String split : List.of("train", "validation", "test")) {
            assertTrue(same(split(a, split), split(b, split)), split + " differs between two runs with seed 7");
        }
    }

    @Test
    default void anotherSeedGivesOtherData() {
        boolean same = same(dataset().generate(params(), 7).train(), dataset().generate(params(), 8).train());
        if (seedChangesData()) {
            assertFalse(same, "the training split is identical for seeds 7 and 8; if this dataset ignores the seed "
                    + "on purpose, override seedChangesData() to return false");
        } else {
            assertTrue(same, "seedChangesData() is false, but seeds 7 and 8 give different training splits");
        }
    }

    @Test
    default void splitsAreDrawnIndependently() {
        TaskData data = dataset().generate(params(), 7);
        assertFalse(same(data.train(), data.test()), "the training and test splits are identical");
        assertFalse(same(data.validation(), data.test()), "the validation and test splits are identical");
        String size = trainingSizeParameter();
        if (size != null) {
            Params larger = params().with(size, 2 * params().getInt(size));
            TaskData grown = dataset().generate(larger, 7);
            assertEquals(2 * data.train().size(), grown.train().size(), "doubling " + size);
            assertTrue(same(data.validation(), grown.validation()), "the validation split changed when " + size
                    + " doubled: held-out splits must be drawn independently of the training split");
            assertTrue(same(data.test(), grown.test()), "the test split changed when " + size + " doubled");
        }
    }

    @Test
    default void refusesContradictoryParametersNamingOne() {
        List<Map<String, Object>> cases = contradictoryParams();
        Assumptions.assumeTrue(cases != null, "no contradictory parameters known for this plugin");
        assertFalse(cases.isEmpty(), "contradictoryParams() lists no case: return at least one parameter change that "
                + "spec() must refuse");
        for (Map<String, Object> change : cases) {
            Params bad = params();
            for (Map.Entry<String, Object> entry : change.entrySet()) {
                bad = bad.with(entry.getKey(), entry.getValue());
            }
            try {
                dataset().spec(bad);
                dataset().generate(bad, 1);
                fail("accepted " + change + ": spec() or generate() must throw PluginConfigurationException");
            } catch (PluginConfigurationException e) {
                String message = String.valueOf(e.getMessage());
                assertTrue(change.keySet().stream().anyMatch(message::contains), "refused " + change
                        + " without naming " + change.keySet().stream().collect(Collectors.joining(" or ")) + ": "
                        + message);
            }
        }
    }

    private static Examples split(TaskData data, String name) {
        return switch (name) {
            case "train" -> data.train();
            case "validation" -> data.validation();
            default -> data.test();
        };
    }

    private static boolean same(Examples a, Examples b) {
        return Arrays.deepEquals(a.tokens(), b.tokens()) && Arrays.equals(a.lengths(), b.lengths())
                && Arrays.deepEquals(a.targets(), b.targets()) && Arrays.deepEquals(a.context(), b.context());
    }
}
