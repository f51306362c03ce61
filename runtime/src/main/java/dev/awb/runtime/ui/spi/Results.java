package dev.awb.runtime.ui.spi;

import org.osgi.annotation.versioning.ProviderType;
import tech.tablesaw.api.Table;

/** The results store as Tablesaw tables: the studies, and each study's trials and metric values. */
@ProviderType
public interface Results {
    /**
     * Every study, newest first: {@code study}, {@code experiment}, {@code created}, {@code trials}, one count
     * column per status ({@code pending}, {@code running}, {@code finished}, {@code diverged}, {@code failed},
     * {@code interrupted}), {@code main_metric} ({@code split.name}, empty when no trial has finished) and
     * {@code best} (its best final value over finished trials in the metric's direction; missing when none).
     */
    Table studies();

    /**
     * One study's tables.
     *
     * @throws UnknownResource if the store has no study {@code id}
     */
    StudyTables study(String id);
}
