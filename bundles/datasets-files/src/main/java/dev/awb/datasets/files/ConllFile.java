package dev.awb.datasets.files;

import dev.awb.api.PluginConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A CoNLL-format file of tagged sentences (as the CoNLL-2003 shared task, Tjong Kim Sang &amp; De Meulder
 * 2003): one token per line with whitespace-separated columns, a blank line after each sentence, and
 * {@code -DOCSTART-} lines between documents, which are skipped.
 *
 * <p>A line is malformed when it lacks the token or tag column or its tag is not BIO ({@code O},
 * {@code B-TYPE} or {@code I-TYPE}; an {@code I-} after {@code O} is accepted, as IOB1 files have it). A
 * malformed line stops the read with a {@link MalformedRecordException} naming file and line, or with
 * {@code skipBad} its whole sentence is skipped and counted.
 *
 * @param file the file
 * @param parameter the plugin parameter naming it, for error messages
 * @param tokenColumn 0-based column of the token; negative counts from the end
 * @param tagColumn 0-based column of the tag; negative counts from the end ({@code -1} is the last)
 * @param skipBad whether sentences with a malformed line are skipped and counted instead of failing
 */
record ConllFile(Path file, String parameter, int tokenColumn, int tagColumn, boolean skipBad) {
    private static final Pattern BIO = Pattern.compile("O|[BI]-\\S+");
    private static final Pattern COLUMNS = Pattern.compile("\\s+");

    /** One sentence: its tokens, their tags, and the line where it starts. */
    record Sentence(List<String> tokens, List<String> tags, long line) {
    }

    /**
     * Streams the sentences to {@code sink} in file order.
     *
     * @return the number of sentences skipped as malformed
     */
    int read(Consumer<Sentence> sink) {
        if (!Files.isRegularFile(file)) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " does not exist");
        }
        int[] counts = {0, 0};
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> tokens = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            long start = 0;
            long line = 0;
            boolean bad = false;
            for (String text = reader.readLine(); ; text = reader.readLine()) {
                line++;
                if (text == null || text.isBlank() || text.startsWith("-DOCSTART-")) {
                    if (!tokens.isEmpty() || bad) {
                        counts[bad ? 1 : 0]++;
                        if (!bad) {
                            sink.accept(new Sentence(List.copyOf(tokens), List.copyOf(tags), start));
                        }
                    }
                    tokens.clear();
                    tags.clear();
                    bad = false;
                    if (text == null) {
                        break;
                    }
                    continue;
                }
                if (tokens.isEmpty() && !bad) {
                    start = line;
                }
                String problem = add(COLUMNS.split(text.strip()), tokens, tags);
                if (problem != null && !skipBad) {
                    throw new MalformedRecordException(parameter, file, line, problem);
                }
                bad |= problem != null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (counts[0] == 0) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " holds no "
                    + (counts[1] > 0 ? "well-formed sentences (" + counts[1] + " malformed skipped)" : "sentences"));
        }
        return counts[1];
    }

    /** Adds one line's token and tag, or says why it cannot. */
    private String add(String[] columns, List<String> tokens, List<String> tags) {
        int token = tokenColumn < 0 ? columns.length + tokenColumn : tokenColumn;
        int tag = tagColumn < 0 ? columns.length + tagColumn : tagColumn;
        if (token < 0 || token >= columns.length || tag < 0 || tag >= columns.length || token == tag) {
            return "expected the token in column " + tokenColumn + " and the tag in column " + tagColumn
                    + ", found " + columns.length + " column(s)";
        }
        if (!BIO.matcher(columns[tag]).matches()) {
            return "tag '" + columns[tag] + "' is not O, B-TYPE or I-TYPE";
        }
        tokens.add(columns[token]);
        tags.add(columns[tag]);
        return null;
    }
}
