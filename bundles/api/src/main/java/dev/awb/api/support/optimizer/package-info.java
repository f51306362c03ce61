/**
 * Support for optimizer plugins: ND4J updaters and learning-rate schedules that ND4J 1.0.0-M2.1 lacks (classical
 * momentum, per-tensor gradient clipping, linear warmup, cosine and linear decay).
 *
 * <p>These are implementations, not contracts: they live outside {@link dev.awb.api.optimizer} so that changing
 * them versions this package alone and never raises the optimizer SPI's major version. They live in the SPI's jar,
 * on the host's class path, because SameDiff deserializes saved training configurations (checkpoints) that name
 * them with the host's class loader, which cannot see classes private to a plugin bundle.
 */
@Export
@Version("1.0.0")
package dev.awb.api.support.optimizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
