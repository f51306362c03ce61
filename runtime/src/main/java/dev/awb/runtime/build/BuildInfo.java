package dev.awb.runtime.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and code revision this distribution was built from (written by the build into
 * {@code awb-build.properties} at the class path's root). Lives below every other runtime package so that the
 * CLI, the study's provenance and anything else can name the build without importing {@code cli/}.
 */
public record BuildInfo(String version, String revision) {

    /** Read from {@code awb-build.properties}; a dirty working tree is marked {@code -dirty}. */
    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/awb-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String revision = properties.getProperty("revision", "");
        if (revision.isBlank() || revision.startsWith("${")) {
            revision = "unknown";
        } else if ("true".equals(properties.getProperty("dirty"))) {
            revision += "-dirty";
        }
        return new BuildInfo(properties.getProperty("version", "unknown"), revision);
    }
}
