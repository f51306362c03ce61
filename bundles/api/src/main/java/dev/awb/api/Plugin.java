package dev.awb.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * A component property type that declares a DS component as an Attention Workbench plugin.
 *
 * <p>bnd turns it into the service properties {@code awb.plugin.kind}, {@code awb.plugin.name} and
 * {@code awb.plugin.summary}; the runtime finds plugins by these properties in the service registry,
 * so no descriptor is kept by hand:
 *
 * <pre>{@code
 * @Component(service = AttentionMechanism.class)
 * @Plugin(kind = AttentionMechanism.KIND, name = "soft", summary = "Multi-head scaled dot-product attention")
 * public class ScaledDotProductAttention implements AttentionMechanism { ... }
 * }</pre>
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Plugin {
    /** Prefix bnd puts before each element name to form the service property key. */
    String PREFIX_ = "awb.plugin.";

    /** Service property holding the kind. */
    String KIND_PROPERTY = "awb.plugin.kind";

    /** Service property holding the name. */
    String NAME_PROPERTY = "awb.plugin.name";

    /** Service property holding the summary. */
    String SUMMARY_PROPERTY = "awb.plugin.summary";

    /** The plugin kind, one of the {@code KIND} constants of the kind interfaces, e.g. {@code attention}. */
    String kind();

    /** The name used in experiment files after the kind, e.g. {@code soft} in {@code attention/soft}. */
    String name();

    /** One line saying what the plugin is, citing its paper where it implements one. */
    String summary();
}
