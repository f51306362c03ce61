package dev.awb.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in real headless Debian chromium (installed by {@code .ci/run}): it must load from disk
 * with no request the page itself starts (Chromium's net log, requests whose isolation key is the file origin),
 * no console message (script error or blocked load) and a screenshot that is not blank. A deliberately bad page
 * shows that each check can fail.
 */
class ChromiumTests {
    @TempDir
    Path dir;

    private record Visit(List<String> pageRequests, List<String> console, Path screenshot) {
    }

    @Test
    void reportLoadsWithoutRequestsOrErrorsAndRendersCharts() throws Exception {
        StudyFixture fixture = StudyFixture.ablation();
        Path map = dev.awb.runtime.study.Study.attentionMapsFile(dev.awb.runtime.study.Study.trialDirectory(dir, "t0001"));
        Files.createDirectories(map.getParent());
        Files.writeString(map, "{\"trial\":\"t0001\",\"examples\":[{\"tokens\":[5,6,7],\"length\":3,\"layers\":"
                + "[[[[1,0,0],[0.5,0.5,0],[0.2,0.3,0.5]]]]}]}");
        Path html = StudyReport.of(fixture.data(dir.toString()), false).write(dir.resolve("report"));
        Visit visit = visit(html);
        assertEquals(List.of(), visit.pageRequests(), "requests started by report.html");
        assertEquals(List.of(), visit.console(), "console messages (script errors, blocked loads)");
        BufferedImage image = ImageIO.read(visit.screenshot().toFile());
        Set<Integer> colours = new HashSet<>();
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    inked++;
                }
            }
        }
        double share = inked / (double) (image.getWidth() * image.getHeight());
        assertTrue(share > 0.02, "screenshot is blank: " + share + " of pixels not white");
        assertTrue(colours.size() > 16, "screenshot has only " + colours.size() + " colours");
        Path kept = Path.of("target", "report-screenshot.png");
        Files.createDirectories(kept.getParent());
        Files.copy(visit.screenshot(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void checksCatchAnExternalRequestAndAScriptError() throws Exception {
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>bad</p><img src=\"http://example.invalid/x.png\">"
                + "<script>undefinedFunction()</script></body></html>");
        Visit visit = visit(bad);
        assertEquals(List.of("http://example.invalid/x.png"), visit.pageRequests());
        assertTrue(visit.console().stream().anyMatch(l -> l.contains("Uncaught ReferenceError")), visit.console().toString());
    }

    private Visit visit(Path html) throws IOException, InterruptedException {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseGet(() -> fail("chromium not found; install it with: apt-get install -y chromium"));
        Path work = Files.createTempDirectory(dir, "chromium");
        Path netLog = work.resolve("net.json");
        Path shot = work.resolve("screenshot.png");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--no-pings",
                "--user-data-dir=" + work.resolve("profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
                "--log-net-log=" + netLog, "--enable-logging=stderr", "--v=0", "--window-size=1200,1600",
                "--screenshot=" + shot, html.toUri().toString()));
        Process process = new ProcessBuilder(command).redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(work.resolve("stderr.txt").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        List<String> stderr = Files.readAllLines(work.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), String.join("\n", stderr));
        List<String> console = stderr.stream().filter(l -> l.contains(":CONSOLE")).toList();
        assertTrue(Files.exists(shot), "no screenshot: " + String.join("\n", stderr));
        return new Visit(pageRequests(netLog), console, shot);
    }

    /** URLs of requests whose network isolation key is a file origin: the ones the page started. */
    private static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        int startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
        assertFalse(startJob < 0, "net log without URL_REQUEST_START_JOB");
        List<String> urls = new ArrayList<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            String url = params.path("url").asText("");
            if (event.path("type").asInt() == startJob && params.path("network_isolation_key").asText("").startsWith("file://")
                    && !url.startsWith("file:")) {
                urls.add(url);
            }
        }
        return urls;
    }
}
