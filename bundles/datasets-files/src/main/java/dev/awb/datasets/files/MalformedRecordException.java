package dev.awb.datasets.files;

import dev.awb.api.PluginConfigurationException;
import java.nio.file.Path;

/**
 * Thrown when a record of a data file cannot be read; the message names the file and the line, e.g.
 * {@code data/train.csv line 7: missing column 'label'}. It is a configuration problem of the parameter
 * naming the file, so {@code awb validate} reports it before any training.
 */
public class MalformedRecordException extends PluginConfigurationException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param parameter the parameter that names the file
     * @param file the file
     * @param line the 1-based line where the record starts
     * @param reason what is wrong with it
     */
    public MalformedRecordException(String parameter, Path file, long line, String reason) {
        super(parameter, file + " line " + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
