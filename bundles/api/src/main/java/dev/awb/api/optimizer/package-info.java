/**
 * The optimizer plugin kind: update rules mapped onto ND4J updaters, learning-rate schedules, weight decay and gradient clipping.
 */
@Export
@Version("2.0.0")
package dev.awb.api.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
