/**
 * The dataset plugin kind: tasks that produce token sequences with targets, generated from a seed or read from files.
 */
@Export
@Version("1.2.0")
package dev.awb.api.dataset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
