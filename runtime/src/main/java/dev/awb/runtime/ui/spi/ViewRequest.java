package dev.awb.runtime.ui.spi;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** One request to a {@link View}: the rest of its URL path, its parameters, and the results store as tables. */
@ProviderType
public interface ViewRequest {
    /** The URL path segments after the view's name, decoded; {@code /study/abc} gives {@code [abc]}. */
    List<String> path();

    /** A query parameter, or for a POST a form field, decoded; empty when absent. */
    Optional<String> parameter(String name);

    /** {@code GET} or {@code POST}. */
    String method();

    /**
     * The per-start token of this workbench: a form that POSTs must carry it as the field {@code token} (the
     * workbench refuses POSTs without it, and any from another origin).
     */
    String token();

    /** The results store this workbench reads, as Tablesaw tables. */
    Results results();
}
