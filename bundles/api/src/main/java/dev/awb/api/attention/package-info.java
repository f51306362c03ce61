/**
 * The attention plugin kind: mechanisms that add attention to a SameDiff graph and return the attended
 * values and their attention weights.
 */
@Export
@Version("1.1.0")
package dev.awb.api.attention;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
