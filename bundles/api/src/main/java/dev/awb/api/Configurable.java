package dev.awb.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that declares typed parameters; every plugin kind extends it.
 */
@ConsumerType
public interface Configurable {

    /** The parameters this plugin accepts, each with a default and a description; never null. */
    List<ParamSpec> params();
}
