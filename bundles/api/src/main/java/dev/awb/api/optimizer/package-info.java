/**
 * The optimizer plugin kind: update rules mapped onto ND4J updaters, learning-rate schedules, weight decay and gradient clipping.
 *
 * <p>3.0.0: the updaters and schedules that implement these rules (classical momentum, clipping, warmup, decays)
 * moved to {@link dev.awb.api.support.optimizer}; this package keeps only the contract.
 */
@Export
@Version("3.0.0")
package dev.awb.api.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
