package dev.awb.api;

/**
 * Thrown by a plugin when a parameter value, alone or combined with its inputs, cannot work.
 *
 * <p>The message names the parameter and the value found, e.g.
 * {@code heads must divide d_model (64), found 5}; the runtime adds the node and file position.
 */
public class PluginConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public PluginConfigurationException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter's name. */
    public String parameter() {
        return parameter;
    }
}
