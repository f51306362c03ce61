package dev.awb.runtime.ui.spi;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import tech.tablesaw.api.Table;

/**
 * One study read from the results store as Tablesaw tables, the same whether a view, a test or a researcher's
 * JShell session asks ({@code dev.awb.runtime.ui.StudyResults#read}). A snapshot: read again to see progress.
 */
@ProviderType
public interface StudyTables {
    /** The study's id. */
    String id();

    /** The experiment's name. */
    String experiment();

    /** When the study was created (ISO-8601). */
    String created();

    /** The study directory (trial folders with their logs and attention maps). */
    Path directory();

    /** The sweep axis whose values the study compares, or null when it compares nothing. */
    String compare();

    /** The sweep axes (label columns of both tables), in plan order. */
    List<String> axes();

    /** The metric the study is judged by ({@code split.name}), or null when nothing declares or measured one. */
    String mainMetric();

    /**
     * The trials of the study's current plan, in plan order: {@code trial}, {@code trial_index}, {@code seed},
     * {@code status} (as people should read it: a running trial whose worker is gone says so), {@code attempts},
     * {@code error}, {@code started} (ISO-8601 start of the last attempt, empty before), one string column per axis
     * (named as the axis, prefixed {@code label.} where it would clash), {@code epoch} (the last epoch with a training
     * loss; missing before the first), {@code epochs} (the epochs the trial is configured to train; missing when its
     * configuration does not say) and {@code loss} (the training loss of {@code epoch}).
     */
    Table trials();

    /**
     * Every stored metric value, tidy: {@code trial}, {@code trial_index}, {@code seed}, {@code status}, the axis
     * columns, {@code split}, {@code metric}, {@code epoch} (missing for a final value) and {@code value} — the
     * layout of the report's {@code results.csv}.
     */
    Table metrics();
}
