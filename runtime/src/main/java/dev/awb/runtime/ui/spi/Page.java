package dev.awb.runtime.ui.spi;

/**
 * What a {@link View} returns: a title and an HTML body fragment (already escaped by the view), placed inside the
 * workbench's layout. A fragment request ({@code ?fragment=NAME}) returns the body alone, for live updates.
 *
 * @param title the page title, plain text (the workbench escapes it)
 * @param body the page's HTML
 */
public record Page(String title, String body) {
}
