/**
 * The positional-encoding plugin kind: position information added to token embeddings (sinusoidal, learned, ...).
 */
@Export
@Version("1.0.0")
package dev.awb.api.positional;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
