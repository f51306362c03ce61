/**
 * The optimizer plugin kind: update rules mapped onto ND4J updaters.
 */
@Export
@Version("1.0.0")
package dev.awb.api.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
