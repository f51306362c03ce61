package dev.awb.runtime.ui.spi;

/**
 * A URL names something that does not exist; the workbench answers 404 with a page naming it and linking to the
 * list it should have come from.
 */
public class UnknownResource extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String listPath;
    private final String listTitle;

    /**
     * @param message what was not found, naming it, e.g. {@code no study [x] in the store}
     * @param listPath the path of the list to offer instead, e.g. {@code /studies}
     * @param listTitle that list's title, e.g. {@code all studies}
     */
    public UnknownResource(String message, String listPath, String listTitle) {
        super(message);
        this.listPath = listPath;
        this.listTitle = listTitle;
    }

    public String listPath() {
        return listPath;
    }

    public String listTitle() {
        return listTitle;
    }
}
