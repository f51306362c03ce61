package dev.awb.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder {@code awb run} creates study directories in ({@code --runs}, default {@code runs/}), checked before
 * the store is opened or a study registered: a file in its place, or a place that cannot be written, is bad input
 * that leaves nothing behind.
 */
final class RunsFolder {
    private RunsFolder() {
    }

    /** Why study directories cannot be created under {@code runs}, or null when they can. */
    static String problem(Path runs) {
        if (Files.exists(runs) && !Files.isDirectory(runs)) {
            return "--runs " + runs + " is a file, not a directory; give a folder for the study directories";
        }
        // Walk up the path as given (so the message shows it as the user wrote it), then the absolute one.
        Path existing = runs.normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            existing = runs.toAbsolutePath().normalize();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
        }
        if (existing == null) {
            return "--runs " + runs + ": no part of " + runs.toAbsolutePath() + " exists";
        }
        if (!Files.isDirectory(existing)) {
            return "--runs " + runs + ": " + existing + " is a file, so no folder can be made below it";
        }
        // Root passes every permission check, so try: a folder made and removed again in the deepest existing one.
        try {
            Path probe = Files.createTempDirectory(existing, ".awb-write-check-");
            Files.delete(probe);
        } catch (java.nio.file.AccessDeniedException e) {
            return "--runs " + runs + ": cannot create folders in " + existing + ": permission denied";
        } catch (java.nio.file.FileSystemException e) {
            return "--runs " + runs + ": cannot create folders in " + existing
                    + (e.getReason() == null ? "" : ": " + e.getReason());
        } catch (IOException | SecurityException e) {
            return "--runs " + runs + ": cannot create folders in " + existing + ": " + e.getMessage();
        }
        return null;
    }
}
