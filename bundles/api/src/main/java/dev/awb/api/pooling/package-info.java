/**
 * The pooling plugin kind: reductions of a sequence to one vector per example (mean, attention pooling, ...).
 */
@Export
@Version("1.0.0")
package dev.awb.api.pooling;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
