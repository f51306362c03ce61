package dev.awb.datasets.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CSV file of small grey-scale images, one per row: a header, a label column, and one column per pixel in
 * row-major order (e.g. {@code label,p0,...,p63} for 8×8 images). A row is malformed when it has the wrong
 * number of columns, an empty label, or a pixel that is not a number in [0, {@code maxValue}].
 *
 * @param file the file
 * @param parameter the plugin parameter naming it, for error messages
 * @param labelColumn the header name of the label column
 * @param pixels the number of pixel columns expected (width × height)
 * @param maxValue the largest pixel value
 * @param skipBad whether malformed rows are skipped and counted instead of failing the read
 */
record PixelFile(Path file, String parameter, String labelColumn, int pixels, double maxValue, boolean skipBad) {

    /** One image: its label, its pixel values, and its line. */
    record Image(String label, double[] pixels, long line) {
    }

    /** Streams the images to {@code sink}; returns the number of malformed rows skipped. */
    int read(Consumer<Image> sink) {
        if (!Files.isRegularFile(file)) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " does not exist");
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        int good = 0;
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
            List<String> header = rows.hasNextValue() ? Arrays.asList(rows.nextValue()) : List.of();
            int label = header.indexOf(labelColumn);
            if (!header.isEmpty() && (label < 0 || header.size() != pixels + 1)) {
                throw new MalformedRecordException(parameter, file, 1, label < 0
                        ? "no column '" + labelColumn + "' in the header; columns: " + abbreviated(header)
                        : "expected '" + labelColumn + "' and " + pixels + " pixel columns, found " + header.size() + " columns");
            }
            while (rows.hasNextValue()) {
                // Jackson's CSV parser dates a row's start before the line break that precedes it: one line early
                long line = rows.getParser().currentTokenLocation().getLineNr() + 1;
                String[] row = rows.nextValue();
                List<String> problems = new ArrayList<>(1);
                double[] values = parse(row, label, problems);
                if (problems.isEmpty()) {
                    good++;
                    sink.accept(new Image(row[label].trim(), values, line));
                } else if (skipBad) {
                    skipped++;
                } else {
                    throw new MalformedRecordException(parameter, file, line, problems.get(0));
                }
            }
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(parameter, file, e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                    e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (good == 0) {
            throw new PluginConfigurationException(parameter, parameter + " file " + file + " holds no "
                    + (skipped > 0 ? "well-formed images (" + skipped + " malformed skipped)" : "images"));
        }
        return skipped;
    }

    private double[] parse(String[] row, int label, List<String> problems) {
        if (row.length != pixels + 1) {
            problems.add("expected " + (pixels + 1) + " columns, found " + row.length);
            return null;
        }
        if (row[label].isBlank()) {
            problems.add("no label in '" + labelColumn + "'");
            return null;
        }
        double[] values = new double[pixels];
        for (int c = 0, p = 0; c < row.length; c++) {
            if (c == label) {
                continue;
            }
            try {
                values[p] = Double.parseDouble(row[c].trim());
            } catch (NumberFormatException e) {
                values[p] = Double.NaN;
            }
            if (!(values[p] >= 0 && values[p] <= maxValue)) {
                problems.add("pixel " + p + " is '" + row[c] + "', not a number in [0, " + maxValue + "]");
                return null;
            }
            p++;
        }
        return values;
    }

    private static String abbreviated(List<String> header) {
        return header.size() <= 6 ? header.toString() : header.subList(0, 5) + "... (" + header.size() + " columns)";
    }
}
