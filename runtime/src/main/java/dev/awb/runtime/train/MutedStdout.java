package dev.awb.runtime.train;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs an action with {@code System.out} discarded: SameDiff 1.0.0-M2.1 prints "Added differentiated op"
 * to standard output for every op when it builds the gradient function, which would bury our output.
 */
public final class MutedStdout {
    private MutedStdout() {
    }

    public static synchronized void run(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }
}
