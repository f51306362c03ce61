package dev.awb.runtime.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.awb.runtime.ui.spi.Markup;
import dev.awb.runtime.ui.spi.Page;
import dev.awb.runtime.ui.spi.Results;
import dev.awb.runtime.ui.spi.UnknownResource;
import dev.awb.runtime.ui.spi.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench web server of {@code awb ui}: the JDK's HTTP server on one address, dispatching each URL to the
 * {@link View} service registered in the OSGi framework under the URL's first path segment.
 *
 * <p>Views are looked up in the service registry on every request, so a view contributed by a bundle dropped into
 * the plugins folder appears without a restart, and the built-in views ({@link #start} registers them) are found
 * the same way. Read-only: the only POST (the experiment check) needs this start's token and a same-origin
 * request. Every page carries a Content-Security-Policy that allows only this server's own script and styles, so
 * nothing is fetched from elsewhere and injected markup could not run.
 */
public final class Workbench implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workbench.class);
    /** Service property ordering the views in the navigation bar (lower first; contributions default 1000). */
    public static final String ORDER_PROPERTY = "awb.ui.order";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_FORM = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private BundleContext context;
    private Results results;
    private final List<ServiceRegistration<View>> builtIns = new ArrayList<>();

    private Workbench(HttpServer server, ExecutorService executor, String token) {
        this.server = server;
        this.executor = executor;
        this.token = token;
    }

    /**
     * Binds {@code address} without serving yet, so that an address in use is reported before anything else
     * starts.
     *
     * @throws java.net.BindException if the address is in use or cannot be bound
     */
    public static Workbench bind(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "awb-ui");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new Workbench(server, executor, HexFormat.of().formatHex(random));
    }

    /**
     * Starts serving the views registered in {@code context}, after registering {@code builtIns} there (each with
     * its navigation order, in list order); views read {@code results}. Call once.
     */
    public Workbench serve(BundleContext context, Results results, List<View> builtIns) {
        this.context = context;
        this.results = results;
        for (int i = 0; i < builtIns.size(); i++) {
            this.builtIns.add(context.registerService(View.class, builtIns.get(i),
                    new java.util.Hashtable<>(Map.of(ORDER_PROPERTY, i * 10))));
        }
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The URL the server answers at, e.g. {@code http://127.0.0.1:8765/}. */
    public URI url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /** This start's token, required in the {@code token} field of every POST. */
    public String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Closed in finally, not by try-with-resources: that would close it before the catch could answer 500.
        try {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
                send(exchange, 405, "text/plain", "method not allowed: " + method);
                return;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!hostAllowed(host)) {
                send(exchange, 421, "text/plain", "this workbench answers only to its own address, not to Host " + host);
                return;
            }
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/studies");
                send(exchange, 303, "text/plain", "see /studies");
                return;
            }
            if (path.startsWith("/assets/")) {
                asset(exchange, path.substring("/assets/".length()));
                return;
            }
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            if (method.equals("POST")) {
                String refusal = refusal(exchange);
                Map<String, String> form = readForm(exchange);
                if (refusal == null && !token.equals(form.get("token"))) {
                    refusal = "this form does not carry this workbench's token (reload the page after a restart)";
                }
                if (refusal != null) {
                    page(exchange, 403, new Page("Refused", "<p class=\"error\">" + Markup.escape(refusal) + "</p>"));
                    return;
                }
                params.putAll(form);
            }
            List<String> segments = segments(path);
            Optional<Views.Found> view = Views.find(context, segments.get(0));
            if (view.isEmpty()) {
                notFound(exchange, new UnknownResource("no page [" + path + "] in this workbench", "/studies",
                        "all studies"));
                return;
            }
            try {
                Page page = view.get().render(new Request(segments.subList(1, segments.size()), params, method,
                        token, results));
                if (params.containsKey("fragment")) {
                    send(exchange, 200, "text/html; charset=utf-8", page.body());
                } else {
                    page(exchange, 200, page);
                }
            } catch (UnknownResource e) {
                notFound(exchange, e);
            } finally {
                view.get().release();
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                page(exchange, 500, new Page("Error", "<p class=\"error\">This page failed: "
                        + Markup.escape(String.valueOf(e.getMessage())) + "</p>"));
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way; the log has the failure
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * Whether a request for {@code host} is for this server: on a loopback address only its own names are
     * answered, so a web page whose domain someone pointed at 127.0.0.1 (DNS rebinding) cannot read the pages.
     */
    private boolean hostAllowed(String host) {
        InetSocketAddress bound = server.getAddress();
        if (!bound.getAddress().isLoopbackAddress()) {
            return true;
        }
        int port = bound.getPort();
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port)
                || host.equals("[::1]:" + port));
    }

    /**
     * Why a POST is refused before reading its form, or null: a browser names the page that sent it in
     * {@code Origin} (and {@code Sec-Fetch-Site}); a form from any other origin is refused.
     */
    private static String refusal(HttpExchange exchange) {
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "cross-origin request refused (Sec-Fetch-Site: " + site + ")";
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && (host == null || !origin.equals("http://" + host))) {
            return "cross-origin request refused (Origin: " + origin + ")";
        }
        return null;
    }

    private void notFound(HttpExchange exchange, UnknownResource e) throws IOException {
        page(exchange, 404, new Page("Not found", "<p class=\"error\">" + Markup.escape(e.getMessage())
                + "</p><p><a href=\"" + Markup.escape(e.listPath()) + "\">" + Markup.escape(e.listTitle())
                + "</a></p>"));
    }

    private void page(HttpExchange exchange, int status, Page page) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", Layout.render(page, Views.navigation(context)));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, type, bytes);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on form posts, which would be refused.
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void asset(HttpExchange exchange, String name) throws IOException {
        Map<String, String> types = Map.of("workbench.css", "text/css; charset=utf-8",
                "workbench.js", "text/javascript; charset=utf-8");
        String type = types.get(name);
        if (type == null) {
            send(exchange, 404, "text/plain", "no asset " + name);
            return;
        }
        try (InputStream in = Workbench.class.getResourceAsStream(name)) {
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.substring(1).split("/", -1)) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        if (segments.isEmpty()) {
            segments.add("");
        }
        return segments;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static Map<String, String> readForm(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM + 1);
        if (body.length > MAX_FORM) {
            throw new IllegalArgumentException("form larger than " + MAX_FORM + " bytes");
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        return query(new String(body, StandardCharsets.UTF_8));
    }

    /** Stops serving (in-flight requests get a second) and withdraws the built-in views. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        for (ServiceRegistration<View> registration : builtIns) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework stopped first
            }
        }
    }

    /** A request as views see it. */
    private record Request(List<String> path, Map<String, String> params, String method, String token,
            Results results) implements dev.awb.runtime.ui.spi.ViewRequest {
        @Override
        public Optional<String> parameter(String name) {
            return Optional.ofNullable(params.get(name));
        }
    }
}
