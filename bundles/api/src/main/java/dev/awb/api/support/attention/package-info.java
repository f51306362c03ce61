/**
 * Support for attention plugins: building blocks that multi-head mechanisms share ({@link
 * dev.awb.api.support.attention.Heads}).
 *
 * <p>These are implementations, not contracts: they live outside {@link dev.awb.api.attention} so that changing
 * them versions this package alone and never raises the attention SPI's major version. 1.1.0 added
 * {@code Heads.projectFused} (one q/k/v projection for self-attention).
 */
@Export
@Version("1.1.0")
package dev.awb.api.support.attention;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
