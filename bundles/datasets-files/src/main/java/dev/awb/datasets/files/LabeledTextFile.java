package dev.awb.datasets.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.awb.api.PluginConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A file of labelled texts, read record by record: CSV or TSV with a header row (RFC 4180 quoting, parsed by
 * Jackson's CSV module), or JSON Lines with one object per line.
 *
 * <p>A record is malformed when it has the wrong number of columns, is not a JSON object, or lacks a text
 * or label value (empty counts as missing). Such a record stops the read with a
 * {@link MalformedRecordException} naming file and line, or, when {@code skipBad} is set, is counted and
 * skipped. Broken CSV quoting cannot be resynchronised and always stops the read. Blank lines are skipped.
 *
 * @param file the file
 * @param parameter the plugin parameter naming it, for error messages
 * @param format how it is written
 * @param textColumn the header name (CSV/TSV) or field name (JSONL) of the text
 * @param labelColumn the header or field name of the label
 * @param skipBad whether malformed records are skipped and counted instead of failing the read
 */
record LabeledTextFile(Path file, String parameter, Format format, String textColumn, String labelColumn,
        boolean skipBad) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file format. */
    enum Format {
        CSV, TSV, JSONL;

        /** {@code label} ({@code auto} picks by file extension: .tsv, .jsonl/.ndjson, otherwise CSV). */
        static Format of(String label, Path file) {
            if (!"auto".equals(label)) {
                return valueOf(label.toUpperCase(Locale.ROOT));
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".tsv") ? TSV : name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : CSV;
        }
    }

    /** One labelled text and the line where its record starts. */
    record Text(String text, String label, long line) {
    }

    /**
     * Streams the file's records to {@code sink} in file order.
     *
     * @return the number of malformed records skipped (always 0 unless {@code skipBad})
     * @throws PluginConfigurationException if the file is missing or holds no records
     * @throws MalformedRecordException for a malformed record when not skipping
     */
    int read(Consumer<Text> sink) {
        if (!Files.isRegularFile(file)) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " does not exist");
        }
        int[] counts = new int[2];
        Consumer<Text> counting = text -> {
            counts[0]++;
            sink.accept(text);
        };
        try {
            counts[1] = format == Format.JSONL ? readJsonLines(counting) : readDelimited(counting);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (counts[0] == 0) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " holds no "
                    + (counts[1] > 0 ? "well-formed records (" + counts[1] + " malformed skipped)" : "records"));
        }
        return counts[1];
    }

    private int readDelimited(Consumer<Text> sink) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(format == Format.TSV ? '\t' : ',');
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema).readValues(reader)) {
            if (!rows.hasNextValue()) {
                return 0;
            }
            List<String> header = Arrays.asList(rows.nextValue());
            int text = column(header, textColumn);
            int label = column(header, labelColumn);
            while (true) {
                String[] row;
                long line;
                try {
                    if (!rows.hasNextValue()) {
                        return skipped;
                    }
                    // Jackson's CSV parser dates a row's start before the line break that precedes it: one line early
                    line = rows.getParser().currentTokenLocation().getLineNr() + 1;
                    row = rows.nextValue();
                } catch (JsonProcessingException e) {
                    throw new MalformedRecordException(parameter, file, e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                            e.getOriginalMessage());
                }
                String problem = row.length != header.size()
                        ? "expected " + header.size() + " columns " + header + ", found " + row.length
                        : missing(row[text], row[label]);
                if (problem == null) {
                    sink.accept(new Text(row[text], row[label].trim(), line));
                } else if (skipBad) {
                    skipped++;
                } else {
                    throw new MalformedRecordException(parameter, file, line, problem);
                }
            }
        }
    }

    private int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new MalformedRecordException(parameter, file, 1, "no column '" + name + "' in the header; columns: " + header);
        }
        return index;
    }

    private int readJsonLines(Consumer<Text> sink) throws IOException {
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String record = reader.readLine(); record != null; record = reader.readLine()) {
                line++;
                if (record.isBlank()) {
                    continue;
                }
                String problem;
                JsonNode node = null;
                try {
                    node = JSON.readTree(record);
                    problem = node.isObject() ? missing(text(node, textColumn), text(node, labelColumn))
                            : "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT);
                } catch (JsonProcessingException e) {
                    problem = "not valid JSON: " + e.getOriginalMessage();
                }
                if (problem == null) {
                    sink.accept(new Text(text(node, textColumn), text(node, labelColumn).trim(), line));
                } else if (skipBad) {
                    skipped++;
                } else {
                    throw new MalformedRecordException(parameter, file, line, problem);
                }
            }
        }
        return skipped;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private String missing(String text, String label) {
        if (text == null || text.isBlank()) {
            return "no text in '" + textColumn + "'";
        }
        if (label == null || label.isBlank()) {
            return "no label in '" + labelColumn + "'";
        }
        return null;
    }
}
