package dev.awb.runtime.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line training progress bar on standard error: trial, epoch, bar, percent, loss and tokens/s.
 *
 * <p>On a terminal it redraws in place at most ten times a second; elsewhere (logs, CI) it prints one line
 * per finished epoch.
 */
final class ProgressBar {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final String prefix;
    private long lastDraw;

    ProgressBar(PrintWriter out, boolean terminal, String prefix) {
        this.out = out;
        this.terminal = terminal;
        this.prefix = prefix;
    }

    void step(int epoch, int epochs, int batch, int batches, double loss, double tokensPerSecond) {
        boolean epochDone = batch == batches;
        long now = System.nanoTime();
        if (terminal && !epochDone && now - lastDraw < 100_000_000L) {
            return;
        }
        if (!terminal && !epochDone) {
            return;
        }
        lastDraw = now;
        double fraction = batch / (double) batches;
        String line = String.format(Locale.ROOT, "%s epoch %d/%d %s %3d%%  loss %.4f  %s tok/s", prefix, epoch, epochs,
                bar(fraction), Math.round(fraction * 100), loss, human(tokensPerSecond));
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
