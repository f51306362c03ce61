/**
 * Statistics for comparing variants over seeds: t-based confidence intervals, the paired t-test, the
 * Wilcoxon signed-rank test, effect sizes and Holm's multiple-comparison correction, on commons-math3
 * distributions.
 */
package dev.awb.runtime.report.stats;
