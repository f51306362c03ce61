package dev.awb.datasets.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ListOps expressions as token ids: generation of random expression trees and their evaluation
 * (Nangia &amp; Bowman 2018, "ListOps: A Diagnostic Dataset for Latent Tree Learning"; in the long form of
 * Tay et al. 2021, "Long Range Arena").
 *
 * <p>An expression is a digit 0–9 or {@code [OP e1 e2 ... ]} with OP one of MAX, MIN, MED (median; for an
 * even count the floor of the mean of the middle two, as LRA's {@code int(np.median(...))}) and SM (sum
 * modulo 10); its value is a digit. Token ids: 0 padding, digits 1–10, {@code [MAX} 11, {@code [MIN} 12,
 * {@code [MED} 13, {@code [SM} 14, {@code ]} 15. LRA's parentheses carry no information and are left out.
 */
final class ListOpsExpression {
    static final int DIGIT = 1;
    static final int MAX = 11;
    static final int MIN = 12;
    static final int MED = 13;
    static final int SUM_MOD = 14;
    static final int CLOSE = 15;
    static final int VOCAB = 16;
    private static final String[] OPERATORS = {"[MAX", "[MIN", "[MED", "[SM"};

    private final int[] tokens;
    private final int value;

    private ListOpsExpression(int[] tokens, int value) {
        this.tokens = tokens;
        this.value = value;
    }

    /** The expression's token ids. */
    int[] tokens() {
        return tokens;
    }

    /** The expression's value, a digit in [0, 9]. */
    int value() {
        return value;
    }

    /**
     * One random tree drawn as LRA draws them: below {@code maxDepth} a node is an operator with probability
     * {@code operatorProbability}, with 2 to {@code maxArgs} arguments, else a uniform digit.
     *
     * @return the expression, or null as soon as it would exceed {@code maxLength} tokens
     */
    static ListOpsExpression draw(SplittableRandom random, int maxDepth, int maxArgs, double operatorProbability,
            int maxLength) {
        Builder builder = new Builder(random, maxDepth, maxArgs, operatorProbability, maxLength);
        int value = builder.node(1);
        return value < 0 ? null : new ListOpsExpression(Arrays.copyOf(builder.out, builder.size), value);
    }

    /** Reads an expression written with spaces between tokens, e.g. {@code [MAX 2 9 [MIN 4 7 ] 0 ]}. */
    static ListOpsExpression parse(String text) {
        String[] words = text.trim().split("\\s+");
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            int op = List.of(OPERATORS).indexOf(words[i]);
            ids[i] = op >= 0 ? MAX + op : "]".equals(words[i]) ? CLOSE : DIGIT + Integer.parseInt(words[i]);
        }
        return new ListOpsExpression(ids, evaluate(ids));
    }

    /** The value of the expression in {@code ids}; rejects anything that is not exactly one expression. */
    static int evaluate(int[] ids) {
        int[] position = {0};
        int value = evaluate(ids, position);
        if (position[0] != ids.length) {
            throw new IllegalArgumentException("trailing tokens after position " + position[0]);
        }
        return value;
    }

    private static int evaluate(int[] ids, int[] position) {
        int id = ids[position[0]++];
        if (id >= DIGIT && id < DIGIT + 10) {
            return id - DIGIT;
        }
        if (id < MAX || id > SUM_MOD) {
            throw new IllegalArgumentException("expected a digit or an operator at " + (position[0] - 1) + ", found " + id);
        }
        List<Integer> args = new ArrayList<>();
        while (ids[position[0]] != CLOSE) {
            args.add(evaluate(ids, position));
        }
        position[0]++;
        return apply(id, args.stream().mapToInt(Integer::intValue).toArray());
    }

    static int apply(int operator, int[] args) {
        int[] sorted = args.clone();
        Arrays.sort(sorted);
        return switch (operator) {
            case MAX -> sorted[sorted.length - 1];
            case MIN -> sorted[0];
            case MED -> sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            case SUM_MOD -> Arrays.stream(args).sum() % 10;
            default -> throw new IllegalArgumentException("not an operator: " + operator);
        };
    }

    /** Writes one tree depth-first into a buffer, giving up once it outgrows the length limit. */
    private static final class Builder {
        private final SplittableRandom random;
        private final int maxDepth;
        private final int maxArgs;
        private final double operatorProbability;
        private final int[] out;
        private int size;

        Builder(SplittableRandom random, int maxDepth, int maxArgs, double operatorProbability, int maxLength) {
            this.random = random;
            this.maxDepth = maxDepth;
            this.maxArgs = maxArgs;
            this.operatorProbability = operatorProbability;
            this.out = new int[maxLength];
        }

        /** The node's value, or -1 when the tree became too long. */
        int node(int depth) {
            if (size == out.length) {
                return -1;
            }
            if (depth >= maxDepth || random.nextDouble() >= operatorProbability) {
                int digit = random.nextInt(10);
                out[size++] = DIGIT + digit;
                return digit;
            }
            int operator = MAX + random.nextInt(4);
            out[size++] = operator;
            int[] args = new int[2 + random.nextInt(maxArgs - 1)];
            for (int i = 0; i < args.length; i++) {
                args[i] = node(depth + 1);
                if (args[i] < 0) {
                    return -1;
                }
            }
            if (size == out.length) {
                return -1;
            }
            out[size++] = CLOSE;
            return apply(operator, args);
        }
    }
}
