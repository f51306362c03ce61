/**
 * Synthetic probe tasks from the attention literature, each generated from a seed: selective copy,
 * induction heads, ListOps, sort and reverse. The package is private to its bundle; the tasks are
 * published as {@code dataset} plugins.
 */
package dev.awb.datasets.synthetic;
