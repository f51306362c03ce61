/**
 * Charts rendered headless as SVG text: line charts with bands, interval charts, scatter plots with a
 * marked Pareto front and heat maps. No AWT, no fonts on disk, no network: the SVG is inlined into
 * {@code report.html} and written beside {@code report.md}.
 */
package dev.awb.runtime.report.chart;
