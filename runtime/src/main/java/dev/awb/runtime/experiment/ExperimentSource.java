package dev.awb.runtime.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of an experiment file, checked before any YAML parsing: it exists and is a regular file, is at most
 * {@link Limits#MAX_FILE_BYTES} long (checked from the file's size, so a huge file is refused at once), is not
 * empty, is UTF-8 (an initial UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 are refused by their mark), and
 * holds only characters YAML allows (YAML 1.1 §5.1: no control characters but tab, line feed and carriage return).
 * Every refusal names the file and, for bad bytes or characters, the line and column of the first one.
 */
final class ExperimentSource {
    private ExperimentSource() {
    }

    /**
     * The file's text.
     *
     * @throws ExperimentException for a missing file, a directory or other non-file, an unreadable, empty, too
     *     large, non-UTF-8 or binary file
     */
    static String read(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw fail(name, 0, 0, "is a directory, not an experiment file");
        }
        if (!Files.exists(path)) {
            throw fail(name, 0, 0, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw fail(name, 0, 0, "is not a regular file (a device, pipe or socket); give an experiment YAML file");
        }
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > Limits.MAX_FILE_BYTES) {
                throw fail(name, 0, 0, String.format(Locale.ROOT, "is %,d bytes; experiment files are limited to %,d bytes"
                        + " (1 MiB): is this the right file?", size, Limits.MAX_FILE_BYTES));
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw fail(name, 0, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(name, 0, 0, "cannot be read: permission denied");
        } catch (IOException e) {
            throw fail(name, 0, 0, "cannot be read: " + e.getMessage());
        }
        // The size can change between the check and the read (a growing log file given by mistake).
        if (bytes.length > Limits.MAX_FILE_BYTES) {
            throw fail(name, 0, 0, "is larger than " + Limits.MAX_FILE_BYTES + " bytes; experiment files are limited to 1 MiB");
        }
        String bom = byteOrderMark(bytes);
        if (bom != null) {
            throw fail(name, 1, 1, "is encoded as " + bom + " (byte-order mark); save it as UTF-8");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        String text = decode(name, bytes, start);
        if (text.isBlank()) {
            throw fail(name, 0, 0, "is empty; an experiment file is a mapping with keys experiment, graph, ...");
        }
        checkCharacters(name, text);
        return text;
    }

    private static String byteOrderMark(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
            return "UTF-32 (big-endian)";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
            return "UTF-32 (little-endian)";
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return "UTF-16 (big-endian)";
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return "UTF-16 (little-endian)";
        }
        return null;
    }

    /** Strict UTF-8 decoding; the first malformed byte is reported with its line and column. */
    private static String decode(String name, byte[] bytes, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int[] at = position(before);
            throw fail(name, at[0], at[1], String.format(Locale.ROOT, "byte 0x%02X at offset %d is not UTF-8; save the"
                    + " file as UTF-8 (is it a binary file?)", bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** Refuses characters YAML does not allow in a stream (YAML 1.1 §5.1, as SnakeYAML enforces it). */
    private static void checkCharacters(String name, String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean printable = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (c == 0xFEFF && i == 0) {
                printable = true;
            }
            if (!printable) {
                int[] at = position(text.substring(0, i));
                throw fail(name, at[0], at[1], String.format(Locale.ROOT, "control character U+%04X%s is not allowed in"
                        + " YAML%s", c, c == 0 ? " (NUL)" : "", c == 0 ? " (is it a binary file?)" : ""));
            }
            i += Character.charCount(c);
        }
    }

    /** The 1-based line and column just after {@code before}. */
    private static int[] position(String before) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static ExperimentException fail(String file, int line, int column, String message) {
        return new ExperimentException(new Problem(new Location(file, line, column), message));
    }
}
