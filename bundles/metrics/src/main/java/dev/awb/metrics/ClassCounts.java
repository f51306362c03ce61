package dev.awb.metrics;

import dev.awb.api.metric.Evaluation;

/**
 * The confusion counts of one evaluation, and the per-class precision, recall and F1 they give.
 *
 * <p>Conventions follow scikit-learn's {@code precision_recall_fscore_support} with {@code zero_division=0}: a
 * class counts towards averages when it occurs in the truth or in the predictions; a ratio with a zero
 * denominator is 0.
 */
final class ClassCounts {
    private final long[][] matrix;
    private final long[] truePositives;
    private final long[] predictedCount;
    private final long[] actualCount;

    private ClassCounts(int classes) {
        matrix = new long[classes][classes];
        truePositives = new long[classes];
        predictedCount = new long[classes];
        actualCount = new long[classes];
    }

    /** Counts {@code evaluation}'s predictions. */
    static ClassCounts of(Evaluation evaluation) {
        ClassCounts counts = new ClassCounts(evaluation.numClasses());
        for (int i = 0; i < evaluation.size(); i++) {
            int actual = evaluation.actual()[i];
            int predicted = evaluation.predicted()[i];
            counts.matrix[actual][predicted]++;
            counts.actualCount[actual]++;
            counts.predictedCount[predicted]++;
            if (actual == predicted) {
                counts.truePositives[actual]++;
            }
        }
        return counts;
    }

    int classes() {
        return matrix.length;
    }

    /** How often class {@code actual} was predicted as {@code predicted}. */
    long cell(int actual, int predicted) {
        return matrix[actual][predicted];
    }

    /** Whether class {@code c} occurs in the truth or the predictions. */
    boolean present(int c) {
        return actualCount[c] > 0 || predictedCount[c] > 0;
    }

    double precision(int c) {
        return ratio(truePositives[c], predictedCount[c]);
    }

    double recall(int c) {
        return ratio(truePositives[c], actualCount[c]);
    }

    double f1(int c) {
        return harmonic(precision(c), recall(c));
    }

    /** Precision over all positions pooled: Σ tp / Σ predicted (equals accuracy for single-label tasks). */
    double microPrecision() {
        return ratio(sum(truePositives), sum(predictedCount));
    }

    /** Recall over all positions pooled: Σ tp / Σ actual (equals accuracy for single-label tasks). */
    double microRecall() {
        return ratio(sum(truePositives), sum(actualCount));
    }

    double microF1() {
        return harmonic(microPrecision(), microRecall());
    }

    /** 2PR / (P + R), 0 when both are 0. */
    static double harmonic(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : numerator / (double) denominator;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }
}
