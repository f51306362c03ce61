package dev.awb.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress on a terminal (redrawn in place) and elsewhere (plain lines per epoch and per interval). */
class ProgressBarTests {
    private static List<String> lines(StringWriter out) {
        return out.toString().lines().toList();
    }

    private static void twoEpochsOfFourSteps(ProgressBar bar) {
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int batch = 1; batch <= 4; batch++) {
                bar.step(epoch, 2, batch, 4, 0.5, 1500);
            }
        }
    }

    @Test
    void printsOnePlainLinePerEpochWhenNotOnATerminal() {
        StringWriter out = new StringWriter();
        twoEpochsOfFourSteps(new ProgressBar(new PrintWriter(out), false, "[trial 1/1]", 3_600_000_000_000L));
        assertEquals(List.of("[trial 1/1] epoch 1/2 100%  loss 0.5000  1.5k tok/s",
                "[trial 1/1] epoch 2/2 100%  loss 0.5000  1.5k tok/s"), lines(out));
    }

    @Test
    void printsPlainLinesWithinAnEpochOncePerInterval() {
        StringWriter out = new StringWriter();
        twoEpochsOfFourSteps(new ProgressBar(new PrintWriter(out), false, "[trial 1/1]", 0));
        assertEquals(8, lines(out).size(), out.toString());
        assertEquals("[trial 1/1] epoch 1/2  25%  loss 0.5000  1.5k tok/s", lines(out).get(0));
        assertFalse(out.toString().contains("\r"), "no carriage returns in logs");
    }

    @Test
    void redrawsInPlaceOnATerminal() {
        StringWriter out = new StringWriter();
        twoEpochsOfFourSteps(new ProgressBar(new PrintWriter(out), true, "[trial 1/1]"));
        assertTrue(out.toString().startsWith("\r\033[2K[trial 1/1] epoch 1/2 " + ProgressBar.bar(1.0)), out.toString());
        assertEquals(1, out.toString().chars().filter(c -> c == '\n').count(), "one line, redrawn, ended at the end");
    }
}
