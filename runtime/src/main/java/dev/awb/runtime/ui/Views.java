package dev.awb.runtime.ui;

import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.View;
import dev.awb.runtime.ui.spi.ViewRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The {@link View} services currently registered in the OSGi framework: lookup by name, and the navigation bar. */
final class Views {
    /** A view in the navigation: its name (path) and title. */
    record Entry(String name, String title) {
    }

    /** A view got from the registry; {@link #release()} gives it back. */
    static final class Found {
        private final BundleContext context;
        private final ServiceReference<View> reference;
        private final View view;

        private Found(BundleContext context, ServiceReference<View> reference, View view) {
            this.context = context;
            this.reference = reference;
            this.view = view;
        }

        Page render(ViewRequest request) {
            return view.render(request);
        }

        void release() {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException stopped) {
                // the framework stopped while the page rendered
            }
        }
    }

    private Views() {
    }

    /** The view answering {@code name}; with several, the first in navigation order (then highest ranking). */
    static Optional<Found> find(BundleContext context, String name) {
        for (ServiceReference<View> reference : ordered(context)) {
            View view = context.getService(reference);
            if (view == null) {
                continue;
            }
            if (name.equals(view.name())) {
                return Optional.of(new Found(context, reference, view));
            }
            context.ungetService(reference);
        }
        return Optional.empty();
    }

    /** The views with a title, in navigation order. */
    static List<Entry> navigation(BundleContext context) {
        List<Entry> entries = new ArrayList<>();
        for (ServiceReference<View> reference : ordered(context)) {
            View view = context.getService(reference);
            if (view == null) {
                continue;
            }
            try {
                if (view.title() != null && entries.stream().noneMatch(e -> e.name().equals(view.name()))) {
                    entries.add(new Entry(view.name(), view.title()));
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return entries;
    }

    private static List<ServiceReference<View>> ordered(BundleContext context) {
        Collection<ServiceReference<View>> references;
        try {
            references = context.getServiceReferences(View.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<ServiceReference<View>> list = new ArrayList<>(references);
        list.sort(Comparator.comparingInt(Views::order).thenComparing(Comparator.reverseOrder()));
        return list;
    }

    private static int order(ServiceReference<View> reference) {
        Object order = reference.getProperty(Workbench.ORDER_PROPERTY);
        return order instanceof Number n ? n.intValue() : 1000;
    }
}
