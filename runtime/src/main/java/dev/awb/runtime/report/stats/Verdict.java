package dev.awb.runtime.report.stats;

/** The plain-language outcome of comparing a variant against another on one metric. */
public enum Verdict {
    BETTER("better"), WORSE("worse"), NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    NOT_TESTED("not tested");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The words shown in report tables. */
    public String text() {
        return text;
    }
}
