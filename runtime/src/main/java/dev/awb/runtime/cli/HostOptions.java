package dev.awb.runtime.cli;

import dev.awb.runtime.launch.BundleProblem;
import dev.awb.runtime.launch.OsgiHost;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that starts the plugin runtime.
 */
final class HostOptions {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of extra plugin bundles, watched by FileInstall (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:awb.plugins:-plugins}")
    Path plugins;

    /** Starts the host and prints every bundle problem to {@code err}, without stopping. */
    OsgiHost start(PrintWriter err) {
        OsgiHost host = OsgiHost.start(new OsgiHost.Options(distribution().resolve("bundles"), plugins));
        for (BundleProblem problem : host.problems()) {
            err.println("[plugins] " + problem.bundle() + " " + problem.version() + " not available: "
                    + problem.reason());
        }
        err.flush();
        return host;
    }

    /** The distribution folder: {@code -Dawb.dist}, or the folder above the runtime jar. */
    static Path distribution() {
        String configured = System.getProperty("awb.dist");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path jar = Path.of(HostOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dist = jar.getParent().getParent();
            if (Files.isDirectory(dist.resolve("bundles"))) {
                return dist;
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("cannot find the distribution's bundles; set -Dawb.dist");
    }
}
