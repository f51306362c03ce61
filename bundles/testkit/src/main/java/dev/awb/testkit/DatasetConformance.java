package dev.awb.testkit;

import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks that a dataset's generated data keeps the {@link TaskSpec} it declares: shapes, token ids within the
 * vocabulary, the padding id exactly at and past each example's length, lengths within the sequence length, targets within the classes (or {@link Examples#IGNORE}), context
 * present exactly when declared, and every split non-empty with something to score in training.
 *
 * <p>The {@link DatasetContract} runs these checks in a plugin's own build, and the runtime runs the very same ones on
 * every trial before any compute: a dataset that hands out an out-of-range label fails its trial with the field and
 * value named, instead of producing a trial recorded as finished with meaningless numbers (or an ND4J error naming an
 * internal op). One pass over the arrays; at most {@link #LIMIT} violations are collected.
 */
public final class DatasetConformance {
    /** The most violations one check collects; the first few say what is wrong, thousands more would not. */
    public static final int LIMIT = 8;

    /**
     * One way the data breaks its spec.
     *
     * @param field where, e.g. {@code train.targets[12][3]}
     * @param found the offending value, as text
     * @param allowed what the spec allows there, e.g. {@code [0, 10) or IGNORE (-1)}
     */
    public record Violation(String field, String found, String allowed) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(found, "found");
            Objects.requireNonNull(allowed, "allowed");
        }

        @Override
        public String toString() {
            return field + " = " + found + ", allowed: " + allowed;
        }
    }

    private final List<Violation> violations = new ArrayList<>();

    private DatasetConformance() {
    }

    /**
     * The ways {@code data} breaks its spec, or breaks {@code declared}: the spec the dataset gives for the same
     * parameters without generating data (models are built from it); empty when the data keeps both.
     */
    public static List<Violation> check(TaskData data, TaskSpec declared) {
        DatasetConformance check = new DatasetConformance();
        if (!data.spec().equals(declared)) {
            check.add("spec", data.spec().toString(), "the spec(params) of the same parameters: " + declared);
        }
        TaskSpec spec = data.spec();
        check.split("train", data.train(), spec);
        check.split("validation", data.validation(), spec);
        check.split("test", data.test(), spec);
        if (data.train().size() > 0 && !check.scoresSomething(data.train(), spec)) {
            check.add("train.targets", "every target IGNORE (" + Examples.IGNORE + ") or past its example's length",
                    "at least one scored target in the training split");
        }
        return List.copyOf(check.violations);
    }

    /** The violations as one message: the first few, one per line, and how many more were not listed. */
    public static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            text.append(text.isEmpty() ? "" : "; ").append(v);
        }
        if (violations.size() >= LIMIT) {
            text.append("; (checking stopped after ").append(LIMIT).append(')');
        }
        return text.toString();
    }

    private void split(String name, Examples examples, TaskSpec spec) {
        if (examples.size() == 0) {
            add(name, "0 examples", "at least one example (an empty split gives no loss or metric to report)");
            return;
        }
        int targetWidth = spec.target() == TaskSpec.Target.TOKEN ? spec.length() : 1;
        String targets = "[0, " + spec.numClasses() + ") or IGNORE (" + Examples.IGNORE + ")";
        String vocab = "[0, " + spec.vocabSize() + ") (vocabSize)";
        if (spec.hasContext() != (examples.context() != null)) {
            add(name + ".context", examples.context() == null ? "null" : "present",
                    spec.hasContext() ? "a context of " + spec.contextLength() + " tokens per example (contextLength)"
                            : "null (the spec declares contextLength 0)");
        }
        for (int i = 0; i < examples.size() && !full(); i++) {
            int[] tokens = examples.tokens()[i];
            if (tokens == null || tokens.length != spec.length()) {
                add(name + ".tokens[" + i + "]", tokens == null ? "null" : tokens.length + " positions",
                        spec.length() + " positions (length)");
                continue;
            }
            int length = examples.lengths()[i];
            if (length < 1 || length > spec.length()) {
                add(name + ".lengths[" + i + "]", Integer.toString(length), "[1, " + spec.length() + "] (length)");
            }
            for (int t = 0; t < tokens.length && !full(); t++) {
                if (tokens[t] < 0 || tokens[t] >= spec.vocabSize()) {
                    add(name + ".tokens[" + i + "][" + t + "]", Integer.toString(tokens[t]), vocab);
                } else if ((tokens[t] == Examples.PAD) != (t >= length)) {
                    add(name + ".tokens[" + i + "][" + t + "]", Integer.toString(tokens[t]), t >= length
                            ? "the padding id " + Examples.PAD + " (at or past the example's length " + length + ")"
                            : "a real token, not the padding id " + Examples.PAD + " (before the example's length "
                                    + length + ")");
                }
            }
            int[] target = examples.targets()[i];
            if (target == null || target.length != targetWidth) {
                add(name + ".targets[" + i + "]", target == null ? "null" : target.length + " targets",
                        targetWidth + (spec.target() == TaskSpec.Target.TOKEN ? " targets (one per position, length)"
                                : " target (one per sequence)"));
            } else {
                for (int t = 0; t < target.length && !full(); t++) {
                    int y = target[t];
                    if (y != Examples.IGNORE && (y < 0 || y >= spec.numClasses())) {
                        add(name + ".targets[" + i + "][" + t + "]", Integer.toString(y), targets);
                    }
                }
            }
            if (spec.hasContext() && examples.context() != null) {
                int[] context = examples.context()[i];
                if (context == null || context.length != spec.contextLength()) {
                    add(name + ".context[" + i + "]", context == null ? "null" : context.length + " tokens",
                            spec.contextLength() + " tokens (contextLength)");
                    continue;
                }
                for (int t = 0; t < context.length && !full(); t++) {
                    if (context[t] < 0 || context[t] >= spec.vocabSize()) {
                        add(name + ".context[" + i + "][" + t + "]", Integer.toString(context[t]), vocab);
                    }
                }
            }
        }
    }

    private boolean scoresSomething(Examples examples, TaskSpec spec) {
        for (int i = 0; i < examples.size(); i++) {
            int[] target = examples.targets()[i];
            if (target == null) {
                continue;
            }
            int scored = spec.target() == TaskSpec.Target.TOKEN ? Math.min(examples.lengths()[i], target.length)
                    : target.length;
            for (int t = 0; t < scored; t++) {
                if (target[t] != Examples.IGNORE) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean full() {
        return violations.size() >= LIMIT;
    }

    private void add(String field, String found, String allowed) {
        if (!full()) {
            violations.add(new Violation(field, found, allowed));
        }
    }
}
