package dev.awb.runtime.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line training progress bar on standard error: trial, epoch, bar, percent, loss and tokens/s.
 *
 * <p>On a terminal it redraws in place at most ten times a second; elsewhere (logs, CI, batch jobs) it prints
 * plain lines: one per finished epoch, and one at least every {@link #PLAIN_INTERVAL_NANOS 30 s} within a long
 * epoch, so a log shows that a trial is alive.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    /** The longest a non-terminal bar stays silent while an epoch runs. */
    static final long PLAIN_INTERVAL_NANOS = 30_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String prefix;
    private final long plainInterval;
    private long lastDraw;

    ProgressBar(PrintWriter out, boolean terminal, String prefix) {
        this(out, terminal, prefix, PLAIN_INTERVAL_NANOS);
    }

    /** A bar whose non-terminal lines come at least every {@code plainInterval} nanoseconds. */
    ProgressBar(PrintWriter out, boolean terminal, String prefix, long plainInterval) {
        this.out = out;
        this.terminal = terminal;
        this.prefix = prefix;
        this.plainInterval = plainInterval;
        this.lastDraw = System.nanoTime();
    }

    void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
        boolean epochDone = batch == batches;
        long now = System.nanoTime();
        if (terminal && !epochDone && now - lastDraw < 100_000_000L) {
            return;
        }
        if (!terminal && !epochDone && now - lastDraw < plainInterval) {
            return;
        }
        lastDraw = now;
        double fraction = batch / (double) batches;
        String line = String.format(Locale.ROOT, "%s epoch %d/%d %s%3d%%  loss %.4f  %s tok/s", prefix, epoch, epochs,
                terminal ? bar(fraction) + " " : "", Math.round(fraction * 100), loss, human(tokensPerSecond));
        if (terminal) {
            out.print("\r\033[2K" + line);
            if (epochDone && epoch == epochs) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String bar(double fraction) {
        int full = (int) Math.floor(fraction * WIDTH);
        StringBuilder bar = new StringBuilder("━".repeat(full));
        if (full < WIDTH) {
            bar.append('╸').append(" ".repeat(WIDTH - full - 1));
        }
        return bar.toString();
    }

    static String human(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        return value >= 1e3 ? String.format(Locale.ROOT, "%.1fk", value / 1e3) : String.format(Locale.ROOT, "%.0f", value);
    }
}
