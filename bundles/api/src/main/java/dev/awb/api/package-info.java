/**
 * The core of the Attention Workbench SPI: how a plugin declares itself ({@link dev.awb.api.Plugin}),
 * its typed parameters ({@link dev.awb.api.ParamSpec}, {@link dev.awb.api.Params}) and the graph
 * context in which plugins add SameDiff operations ({@link dev.awb.api.GraphContext}).
 */
@Export
@Version("1.0.0")
package dev.awb.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
