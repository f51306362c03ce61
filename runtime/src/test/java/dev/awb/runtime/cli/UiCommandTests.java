package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.store.ResultsStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code awb ui}'s bad input and its start: the store, the port, the bind address. */
class UiCommandTests {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result awb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Awb.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aStoreThatDoesNotExistStopsItWithExitOneNamingTheStore() {
        Path missing = dir.resolve("nowhere.sqlite");
        Result result = awb("ui", "--store", missing.toString(), "--port", "0");
        assertEquals(ExitCodes.FAILURE, result.code(), result.err());
        assertTrue(result.err().contains("no results store at " + missing), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
        assertFalse(Files.exists(missing), "a reading command created a store");
    }

    @Test
    void aPortInUseStopsItWithExitOneNamingThePort() throws Exception {
        Path store = dir.resolve("awb.sqlite");
        ResultsStore.open(store.toString()).close();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result result = awb("ui", "--store", store.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(ExitCodes.FAILURE, result.code(), result.err());
            assertTrue(result.err().contains("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), result.err());
        }
    }

    @Test
    void anAddressThatIsNoneIsBadInput() {
        Result result = awb("ui", "--bind", "no such host.invalid", "--port", "0");
        assertEquals(ExitCodes.BAD_INPUT, result.code(), result.err());
        assertTrue(result.err().contains("--bind no such host.invalid is not an address"), result.err());
    }

    @Test
    void bindingEveryInterfaceWarnsAndServesUntilStopped() throws Exception {
        Path store = dir.resolve("runs").resolve("awb.sqlite");
        ResultsStore.open(store.toString()).close();
        Process ui = new ProcessBuilder(Awb.processCommand(List.of("ui", "--runs", dir.resolve("runs").toString(),
                "--bind", "0.0.0.0", "--port", "0", "--plugins", dir.resolve("plugins").toString())))
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        String url = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; url == null && (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("[ui] http://")) {
                    url = line.substring(5).split(" ")[0];
                }
            }
            assertTrue(url != null, "no URL printed: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("warning: --bind 0.0.0.0 is reachable from other machines")),
                    lines.toString());
            int port = URI.create(url).getPort();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/studies")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("No studies yet"), page.body());
        } finally {
            ui.destroy();
            assertTrue(ui.waitFor(30, TimeUnit.SECONDS), "awb ui did not stop on SIGTERM");
        }
    }
}
