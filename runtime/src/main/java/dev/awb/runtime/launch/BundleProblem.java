package dev.awb.runtime.launch;

/**
 * A bundle that did not resolve or whose component did not activate, with the reason in plain words.
 *
 * @param bundle the bundle's symbolic name (or its location when it has none)
 * @param version the bundle version
 * @param location where it was installed from
 * @param reason e.g. {@code missing package dev.awb.api.foo (wanted [1.0.0,2.0.0))}
 */
public record BundleProblem(String bundle, String version, String location, String reason) {
    @Override
    public String toString() {
        return bundle + " " + version + ": " + reason;
    }
}
