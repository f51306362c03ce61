/**
 * The model plugin kind: architecture templates that take an attention mechanism as a part.
 */
@Export
@Version("1.1.0")
package dev.awb.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
