package dev.awb.runtime.report;

/** A report cannot be built: unknown study, inconsistent spec, unwritable folder. */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
