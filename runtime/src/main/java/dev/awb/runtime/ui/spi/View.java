package dev.awb.runtime.ui.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page of the workbench, contributed as an OSGi service under this interface. The built-in views (studies,
 * study, trial, plugins, experiment check) are registered the same way; a plugin bundle adds one with a DS
 * component, and it appears, or disappears, while {@code awb ui} runs.
 *
 * <p>A view answers every URL whose first path segment is its {@link #name()}: {@code /NAME/A/B?x=y} reaches it
 * with {@link ViewRequest#path()} {@code [A, B]}. Implementations are stateless and called from several threads.
 * They must escape every string they put into the page ({@link Markup#escape}): the workbench serves the HTML a
 * view returns as it is, under a Content-Security-Policy that blocks inline and foreign scripts.
 */
@ConsumerType
public interface View {
    /** The first URL path segment this view answers: lower-case letters, digits and dashes, unique. */
    String name();

    /** The title in the navigation bar, or null for a view reached only by links (a study, a trial). */
    String title();

    /**
     * The page for {@code request}.
     *
     * @throws UnknownResource when the request names a study, trial or other thing that does not exist (answered
     *     with 404 and a page naming it)
     */
    Page render(ViewRequest request);
}
