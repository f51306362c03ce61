package dev.awb.runtime.cli;

import dev.awb.runtime.launch.OsgiHost;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.study.StudyPlanner;
import dev.awb.runtime.ui.BuiltInViews;
import dev.awb.runtime.ui.StoreResults;
import dev.awb.runtime.ui.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb ui}: the workbench in the browser — studies, a live study, trials, the plugin catalogue and the
 * experiment check — served from this process until Ctrl-C, read-only, on 127.0.0.1 unless told otherwise.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve the workbench in the browser: studies, live study pages, trials, plugins, experiment check.",
            "Reads the store and study directories 'awb run' writes; serves until Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"1:the store cannot be opened, the port is in use, or the runtime did not start",
            "2:bad input (unknown option, address that is not one)", "130:stopped by Ctrl-C (143: by SIGTERM)"})
final class UiCommand implements Callable<Integer> {
    /** The default port. */
    static final int DEFAULT_PORT = 8765;

    @Mixin
    StoreOption store;

    @Option(names = "--runs", paramLabel = "DIR", description = "The runs folder whose store is read when --store is not"
            + " given (its awb.sqlite; default: runs).")
    Path runs;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Mixin
    HostOptions host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs != null && store.location.equals(ResultsStore.DEFAULT_LOCATION)) {
            store.location = ResultsStore.defaultLocation(runs);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            err.println("error: --bind " + bind + " is not an address of this machine (e.g. 127.0.0.1, 0.0.0.0, ::1)");
            return ExitCodes.BAD_INPUT;
        }
        if (port < 0 || port > 65535) {
            err.println("error: --port " + port + " is not a TCP port (0 to 65535)");
            return ExitCodes.BAD_INPUT;
        }
        ResultsStore results = store.open();
        Workbench workbench;
        try {
            workbench = Workbench.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            results.close();
            err.println("error: port " + port + " on " + bind + " is in use (or not available: " + e.getMessage()
                    + "); give another with --port P, or --port 0 for any free one");
            return ExitCodes.FAILURE;
        } catch (IOException e) {
            results.close();
            err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (!address.isLoopbackAddress()) {
            err.println("warning: --bind " + bind + " is reachable from other machines: anyone who can reach it can read"
                    + " every study in " + ResultsStore.redacted(results.url()) + " (there is no login)");
        }
        OsgiHost osgi;
        try {
            osgi = host.start(err);
        } catch (RuntimeException e) {
            workbench.close();
            results.close();
            throw e;
        }
        StoreResults storeResults = new StoreResults(results);
        workbench.serve(osgi.context(), storeResults, BuiltInViews.of(storeResults, osgi,
                experiment -> StudyPlanner.plan(osgi.plugins(), experiment)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workbench.close();
            osgi.close();
            synchronized (results) {
                results.close();
            }
            stopped.countDown();
        }, "awb-ui-stop"));
        out.println("[ui] " + workbench.url() + "  (store " + ResultsStore.redacted(results.url()) + "; Ctrl-C stops)");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
