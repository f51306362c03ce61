package dev.awb.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and code revision this distribution was built from (written by the build). */
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
