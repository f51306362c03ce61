package dev.awb.runtime.report;

import dev.awb.runtime.AwbException;

/** A report cannot be built: unknown study, inconsistent spec, unwritable folder (exit code 1). */
public final class ReportException extends AwbException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(FAILURE, message, null);
    }

    public ReportException(String message, Throwable cause) {
        super(FAILURE, message, cause);
    }
}
