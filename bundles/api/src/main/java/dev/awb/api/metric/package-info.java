/**
 * The metric plugin kind: measures computed from a trial's evaluations.
 */
@Export
@Version("2.1.0")
package dev.awb.api.metric;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
