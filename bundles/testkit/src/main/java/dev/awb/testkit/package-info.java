/**
 * Contract tests for plugins. An attention plugin runs the whole attention contract from its own test
 * class with one line:
 *
 * <pre>{@code
 * class LinearAttentionTests implements AttentionContract {
 *     public AttentionMechanism mechanism() { return new LinearAttention(); }
 * }
 * }</pre>
 */
@Export
@Version("1.1.0")
package dev.awb.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
