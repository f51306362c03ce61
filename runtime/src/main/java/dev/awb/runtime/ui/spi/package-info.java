/**
 * The workbench's contribution SPI: a {@link dev.awb.runtime.ui.spi.View} registered as an OSGi service (by a
 * plugin bundle's DS component, or by the runtime itself for the built-in views) becomes a page of {@code awb ui}
 * at {@code /NAME/...}, fed the results store as Tablesaw tables ({@link dev.awb.runtime.ui.spi.StudyTables}).
 *
 * <p>Semantically versioned like the plugin SPI: views are {@code @ConsumerType} (plugins implement them), the
 * request and the tables are {@code @ProviderType} (the runtime implements them).
 */
@Version("1.0.0")
package dev.awb.runtime.ui.spi;

import org.osgi.annotation.versioning.Version;
