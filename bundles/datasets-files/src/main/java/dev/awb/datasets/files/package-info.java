/**
 * Datasets read from files a user has: text classification from CSV/TSV/JSONL, token tagging from CoNLL
 * files, and images as pixel sequences. Files are streamed (read twice: once to build the vocabulary and
 * label set, once to encode), relative paths are resolved by the runtime against the experiment file's
 * directory, and a malformed record is reported with its file and line. The package is private to its
 * bundle; the readers are published as {@code dataset} plugins.
 */
package dev.awb.datasets.files;
