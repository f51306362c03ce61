/**
 * The attention plugin kind: mechanisms that add attention to a SameDiff graph and return the attended
 * values and their attention weights.
 *
 * <p>1.1.0 added {@code AttentionMechanism.weightsSumToOne}. 2.0.0: {@code Heads}, an implementation helper, moved
 * to {@link dev.awb.api.support.attention} so that changing it no longer changes this contract.
 */
@Export
@Version("2.0.0")
package dev.awb.api.attention;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
