package dev.awb.runtime.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.cli.Awb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awb ui} started as its own process on the fixture store, looked at in real headless Chromium: what a
 * person sees on each page, a study page following a trial that progresses in another process, a dropped plugin
 * bundle's view, the experiment check, no console error and no request to anywhere but the workbench.
 */
class WorkbenchBrowserTests {
    @TempDir
    static Path dir;

    private static UiFixture fixture;
    private static Process ui;
    private static String url;
    private static Browser browser;
    private static final List<String> UI_OUTPUT = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = UiFixture.write(dir);
        List<String> command = Awb.processCommand(List.of("ui", "--store", fixture.store.toString(), "--port", "0",
                "--plugins", dir.resolve("plugins").toString()));
        ui = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8));
        for (String line; url == null && (line = out.readLine()) != null; ) {
            UI_OUTPUT.add(line);
            if (line.startsWith("[ui] http://")) {
                url = line.substring("[ui] ".length()).split(" ")[0];
            }
        }
        assertTrue(url != null, "awb ui printed no URL: " + UI_OUTPUT);
        Thread drain = new Thread(() -> out.lines().forEach(UI_OUTPUT::add), "awb-ui-output");
        drain.setDaemon(true);
        drain.start();
        browser = Browser.start(dir.resolve("chromium"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        ui.destroy();
        assertTrue(ui.waitFor(30, TimeUnit.SECONDS), "awb ui did not stop on SIGTERM");
        // Every page the tests opened made requests to the workbench alone, and logged nothing.
        String origin = url.replaceAll("/$", "");
        List<String> foreign = browser == null ? List.of() : browser.requests.stream()
                .filter(r -> !r.startsWith(origin + "/") && !r.startsWith("data:") && !r.equals("about:blank")).toList();
        assertEquals(List.of(), foreign, "requests that left the workbench");
        assertEquals(List.of(), browser == null ? List.of() : browser.problems, "console errors, warnings, exceptions");
    }

    private static String text(String selector) throws Exception {
        return browser.eval("(document.querySelector(" + quote(selector) + ") || {innerText: ''}).innerText").asText();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void studiesPageListsTheStudiesAndShowsTheInjectedLabelAsText() throws Exception {
        browser.open(url + "studies");
        String table = text("#studies");
        assertTrue(table.contains("ablation") && table.contains("later"), table);
        assertTrue(table.contains("ablation <script>alert('awb')</script>"), "the experiment name as text: " + table);
        assertEquals(1, browser.eval("document.scripts.length").asInt(), "only the workbench's own script");
    }

    @Test
    void studyPageFollowsAProgressingTrialWithoutReloading() throws Exception {
        browser.open(url + "study/ablation");
        String running = "document.querySelector('tr[data-trial=\"t0007\"] td.epoch').innerText";
        assertEquals("1/3", browser.eval(running).asText());
        browser.eval("window.notReloaded = true");
        assertTrue(text("#trials").contains("<script>alert('awb')</script>"), "the label is shown as text");
        assertEquals(1, browser.eval("document.scripts.length").asInt());
        browser.waitFor("!!document.querySelector('#curves-live svg')", 30);
        browser.eval("window.curvesBefore = document.querySelector('#curves-live').innerHTML; true");
        browser.eval("var f = document.querySelector('input.filter[data-for=\"trials\"]'); f.value = 'linear';"
                + " f.dispatchEvent(new Event('input')); true");
        fixture.progress(2, 1.25);
        fixture.progress(3, 0.5);
        browser.waitFor(running + " === '3/3'", 30);
        assertEquals("0.5000", browser.eval("document.querySelector('tr[data-trial=\"t0007\"] td.loss').innerText").asText());
        assertTrue(browser.eval("window.notReloaded === true").asBoolean(), "the page was reloaded");
        assertEquals(3, browser.eval("[...document.querySelectorAll('#trials tbody tr')].filter(r => r.style.display !== 'none')"
                + ".length").asInt(), "the refreshed table keeps the filter: the three linear trials");
        browser.eval("var f = document.querySelector('input.filter[data-for=\"trials\"]'); f.value = '';"
                + " f.dispatchEvent(new Event('input')); true");
        browser.waitFor("document.querySelector('#curves-live').innerHTML !== window.curvesBefore", 30);
        assertTrue(text("#trials").contains("java.lang.OutOfMemoryError: <img src=x onerror=alert(1)>"));
        browser.waitFor("document.querySelector('#report-live').innerText.includes('Comparisons against soft')", 30);
        Path shot = Path.of("target", "ui-study-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.screenshot());
    }

    @Test
    void trialPageShowsAnAttentionMapWithHoverValues() throws Exception {
        browser.open(url + "trial/ablation/t0001");
        assertEquals(9, browser.eval("document.querySelectorAll('table.map td').length").asInt());
        assertEquals("query 2 (6) → key 2 (6): 0.7500",
                browser.eval("document.querySelectorAll('table.map tr')[2].querySelectorAll('td')[1].title").asText());
        assertTrue(text("main").contains("attention/soft"), "resolved configuration");
    }

    @Test
    void pluginsPageListsABundleDroppedWhileItRuns() throws Exception {
        browser.open(url + "plugins");
        assertTrue(text("#plugins").contains("attention/soft"), text("#plugins"));
        UiFixture.viewBundle(dir.resolve("plugins"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean shown = false;
        while (!shown && System.nanoTime() < deadline) {
            Thread.sleep(500);
            browser.open(url + "plugins");
            shown = text("nav").contains("Hello");
        }
        assertTrue(shown, "the dropped bundle's view is not in the navigation: " + text("nav"));
        browser.open(url + "hello");
        assertTrue(text("#hello").contains("sees 2 studies"), text("#hello"));
    }

    @Test
    void experimentCheckShowsALocatedError() throws Exception {
        browser.open(url + "check");
        String yaml = Files.readString(Path.of("../experiments/quickstart.yaml")).replace("attention/soft", "attention/sofft");
        browser.eval("document.querySelector('#yaml').value = " + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(yaml));
        browser.eval("document.querySelector('#check').click(); true");
        browser.waitFor("!!document.querySelector('#verdict')", 60);
        String verdict = text("#verdict");
        assertTrue(verdict.matches("(?s)error: pasted\\.yaml:\\d+:\\d+: node 'attention': no attention plugin 'sofft'.*"),
                verdict);
    }
}
