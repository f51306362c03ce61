package dev.awb.runtime.train;

/**
 * Thrown when a plugin hands the runtime something that breaks its own contract (a dataset's data outside its spec, a
 * model's output of the wrong shape, a metric returning names it did not declare), before any compute uses it. The
 * message names the node, the plugin with its version, the field, the value found and what is allowed.
 */
public final class PluginOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginOutputException(String message) {
        super(message);
    }
}
