package dev.awb.runtime.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.experiment.ExperimentValidator;
import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.store.ResultsStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench over the fixture store, served in this JVM with the real Felix and the real bundles, asked over
 * plain HTTP: status codes, 404 pages, escaping, the live fragments, the POST rules and a view contributed by a
 * bundle dropped into the plugins folder.
 */
class WorkbenchTests {
    @TempDir
    static Path dir;

    private static UiFixture fixture;
    private static OsgiHost host;
    private static ResultsStore store;
    private static Workbench workbench;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        fixture = UiFixture.write(dir);
        host = OsgiHost.start(new OsgiHost.Options(Path.of(System.getProperty("awb.dist")).resolve("bundles"),
                dir.resolve("plugins")));
        store = ResultsStore.open(fixture.store.toString());
        StoreResults results = new StoreResults(store);
        workbench = Workbench.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).serve(host.context(),
                results, BuiltInViews.of(results, host, file -> ExperimentValidator.validate(file,
                        host.plugins())));
    }

    @AfterAll
    static void stop() {
        workbench.close();
        host.close();
        store.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(workbench.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(workbench.url().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    @Test
    void listsEveryStudyWithCountsAndBestValueEscapingTheExperimentName() throws Exception {
        HttpResponse<String> page = get("/studies");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"/study/ablation\""), page.body());
        assertTrue(page.body().contains("href=\"/study/later\""), page.body());
        assertTrue(page.body().contains("ablation &lt;script&gt;alert(&#39;awb&#39;)&lt;/script&gt;"), page.body());
        assertFalse(page.body().contains("<script>alert"), "the experiment name was not escaped");
        assertTrue(page.body().contains("5 finished") && page.body().contains("1 running") && page.body().contains("1 failed"),
                page.body());
        assertTrue(page.body().contains(">0.9100<"), "best test.accuracy (linear, seed 1) missing: " + page.body());
    }

    @Test
    void rootRedirectsToTheStudies() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(303, root.statusCode());
        assertEquals("/studies", root.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void everyPageForbidsForeignResourcesAndInlineScript() throws Exception {
        HttpResponse<String> page = get("/studies");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
        assertEquals(200, get("/assets/workbench.js").statusCode());
        assertEquals(404, get("/assets/other.js").statusCode());
    }

    @Test
    void answersAnUnknownStudyWithA404NamingItAndLinkingTheList() throws Exception {
        HttpResponse<String> page = get("/study/no-such-%3Cb%3Estudy");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("no study [no-such-&lt;b&gt;study]"), page.body());
        assertTrue(page.body().contains("<a href=\"/studies\">all studies</a>"), page.body());
    }

    @Test
    void answersAnUnknownTrialOrPageWithA404() throws Exception {
        HttpResponse<String> trial = get("/trial/ablation/zzzz");
        assertEquals(404, trial.statusCode());
        assertTrue(trial.body().contains("no trial [zzzz] in study [ablation]"), trial.body());
        assertTrue(trial.body().contains("href=\"/study/ablation\""), trial.body());
        HttpResponse<String> other = get("/nothing/here");
        assertEquals(404, other.statusCode());
        assertTrue(other.body().contains("no page [/nothing/here]"), other.body());
    }

    @Test
    void studyPageShowsTrialsFailureReasonsAndTheReportsComparison() throws Exception {
        HttpResponse<String> page = get("/study/ablation");
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("data-live=\"/study/ablation?fragment=trials\""), body);
        assertTrue(body.contains("java.lang.OutOfMemoryError: &lt;img src=x onerror=alert(1)&gt;"), body);
        assertTrue(body.contains("&lt;b&gt;out of memory&lt;/b&gt;"), "failed trial's log tail: " + body);
        String report = get("/study/ablation?fragment=report").body();
        assertTrue(report.contains("Comparisons against soft"), "the report's comparison section: " + report);
        assertFalse(report.contains("<script>alert") || report.contains("<img src=x"), "unescaped user string");
        String curves = get("/study/ablation?fragment=curves").body();
        assertTrue(curves.contains("train.loss per epoch (mean and 95% band over seeds)"), "learning curves: " + curves);
        assertFalse(body.contains("<script>alert") || body.contains("<img src=x"), "unescaped user string");
    }

    @Test
    void trialFragmentFollowsTheStoreWhileATrialProgresses() throws Exception {
        String before = get("/study/ablation?fragment=trials").body();
        assertTrue(before.matches("(?s).*data-trial=\"t0007\".*<td class=\"num epoch\">1/3</td>.*"), before);
        fixture.progress(2, 1.25);
        String after = get("/study/ablation?fragment=trials").body();
        assertTrue(after.matches("(?s).*data-trial=\"t0007\".*<td class=\"num epoch\">2/3</td><td class=\"num loss\">1.250</td><td class=\"num eta\">\\d+m\\d\\ds</td>.*"),
                after);
        assertFalse(after.contains("<html"), "a fragment is the table alone");
    }

    @Test
    void trialPageShowsConfigurationMetricsAttentionMapAndLog() throws Exception {
        String body = get("/trial/ablation/t0001").body();
        assertTrue(body.contains("&quot;use&quot; : &quot;attention/soft&quot;"), body);
        assertTrue(body.contains("test.accuracy"), body);
        assertTrue(body.contains("title=\"query 2 (6) → key 2 (6): 0.7500\""), "hover value of the map: " + body);
        String failed = get("/trial/ablation/t0004").body();
        assertTrue(failed.contains("Exception in thread main: &lt;b&gt;out of memory&lt;/b&gt;"), failed);
    }

    @Test
    void pluginsPageListsTheRunningFrameworksPlugins() throws Exception {
        String body = get("/plugins").body();
        assertTrue(body.contains("attention/soft") && body.contains("optimizer/adamw"), body);
        assertTrue(body.contains("<code>heads</code>"), "parameters: " + body);
    }

    @Test
    void pluginsPageNamesABundleThatFailsToResolveWithItsReason() throws Exception {
        dev.awb.runtime.launch.TestBundles.withMissingImport(dir.resolve("plugins"), "dev.awb.test.broken.view",
                "dev.awb.nowhere;version=\"[1.0,2)\"");
        long deadline = System.nanoTime() + 30_000_000_000L;
        String body = get("/plugins").body();
        while (!body.contains("dev.awb.test.broken.view") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = get("/plugins").body();
        }
        assertTrue(body.contains("missing package dev.awb.nowhere (wanted [1.0.0,2.0.0))"), body);
    }

    @Test
    void checkRefusesPostsWithoutTheTokenOrFromAnotherOrigin() throws Exception {
        assertEquals(403, post("/check", form("yaml", "experiment: x"), null).statusCode());
        HttpResponse<String> foreign = post("/check", form("token", workbench.token(), "yaml", "experiment: x"),
                "http://evil.example");
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("cross-origin request refused"), foreign.body());
    }

    @Test
    void checkShowsLocatedErrorsOfAPastedExperiment() throws Exception {
        String yaml = Files.readString(Path.of("../experiments/quickstart.yaml")).replace("attention/soft", "attention/sofft");
        HttpResponse<String> page = post("/check", form("token", workbench.token(), "yaml", yaml),
                workbench.url().toString().replaceAll("/$", ""));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().matches("(?s).*error: pasted\\.yaml:\\d+:\\d+: node &#39;attention&#39;: no attention plugin &#39;sofft&#39;.*"),
                page.body());
        HttpResponse<String> broken = post("/check", form("token", workbench.token(), "yaml", "graph: [unclosed"), null);
        assertTrue(broken.body().contains("error: pasted.yaml:1:"), broken.body());
    }

    @Test
    void checkShowsThePlanOfAValidExperiment() throws Exception {
        String yaml = Files.readString(Path.of("../experiments/quickstart.yaml"));
        String body = post("/check", form("token", workbench.token(), "yaml", yaml), null).body();
        assertTrue(body.contains("pasted.yaml: valid"), body);
        assertTrue(body.contains("<table id=\"plan\">"), body);
    }

    @Test
    void aViewContributedByADroppedBundleAppearsWithoutRestart() throws Exception {
        assertEquals(404, get("/hello").statusCode());
        UiFixture.viewBundle(dir.resolve("plugins"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> hello = get("/hello");
        while (hello.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            hello = get("/hello");
        }
        assertEquals(200, hello.statusCode(), "the dropped bundle's view never appeared; problems: " + host.problems());
        assertTrue(hello.body().contains("A plugin bundle's view sees 2 studies: later, ablation"), hello.body());
        assertTrue(get("/studies").body().contains("<a href=\"/hello\">Hello</a>"), "navigation lists the contribution");
    }

    @Test
    void aViewThatFailsGivesAnErrorPageAndTheOthersKeepWorking() throws Exception {
        var registration = host.context().registerService(dev.awb.runtime.ui.spi.View.class, new dev.awb.runtime.ui.spi.View() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String title() {
                return "Broken";
            }

            @Override
            public dev.awb.runtime.ui.spi.Page render(dev.awb.runtime.ui.spi.ViewRequest request) {
                throw new IllegalStateException("broken <view>");
            }
        }, null);
        try {
            HttpResponse<String> page = get("/broken");
            assertEquals(500, page.statusCode());
            assertTrue(page.body().contains("This page failed: broken &lt;view&gt;"), page.body());
            assertFalse(page.body().contains("\tat "), "no stack trace in the page");
            assertEquals(200, get("/studies").statusCode());
        } finally {
            registration.unregister();
        }
        assertEquals(404, get("/broken").statusCode());
    }

    @Test
    void refusesRequestsForAnotherHostName() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + workbench.url().getPort() + "/studies")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        // java.net.http does not let a caller set Host; a raw socket plays the rebinding page.
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), workbench.url().getPort())) {
            socket.getOutputStream().write(("GET /studies HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\r\n")[0];
            assertTrue(status.startsWith("HTTP/1.1 421"), status);
        }
    }
}
