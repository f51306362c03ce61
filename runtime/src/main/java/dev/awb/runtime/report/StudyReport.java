package dev.awb.runtime.report;

import dev.awb.runtime.store.Split;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.train.AttentionMaps;
import dev.awb.runtime.report.Document.Figure;
import dev.awb.runtime.report.Document.Section;
import dev.awb.runtime.report.StudyAnalysis.Group;
import dev.awb.runtime.report.chart.HeatMap;
import dev.awb.runtime.report.stats.PairedComparison;
import dev.awb.runtime.report.stats.Summary;
import dev.awb.runtime.report.stats.WilcoxonSignedRank;
import dev.awb.runtime.store.ResultsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report of one study: per compared value and metric the mean ± std, 95% interval and n over seeds (best of
 * budget when tuned), paired tests against the baseline with Holm correction, effect sizes and verdicts, cost,
 * learning curves, quality-vs-cost and scaling plots, attention maps and per-class tables.
 *
 * <p>{@link #write} produces {@code report.html} (self-contained: inline CSS and SVG, no script, no external
 * reference), {@code report.md} with its charts as {@code figure-NN.svg} files, {@code results.csv} (tidy: one
 * row per trial × metric × epoch, empty epoch = final value, label columns included) and {@code tables.tex}.
 */
public final class StudyReport {
    /** Crop of attention maps: longer examples show their first this many positions. */
    static final int MAP_POSITIONS = 48;
    /** Examples per trial rendered as attention maps. */
    static final int MAP_EXAMPLES = 2;

    private final StudyAnalysis analysis;

    private StudyReport(StudyAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * Reads study {@code studyId} from {@code store} and analyses it, comparing against the baseline only.
     *
     * @throws ReportException if the study does not exist or its spec does not fit its trials
     */
    public static StudyReport load(ResultsStore store, String studyId) {
        return load(store, studyId, false);
    }

    /** As {@link #load(ResultsStore, String)}; {@code allPairs} also compares every pair of variants. */
    public static StudyReport load(ResultsStore store, String studyId, boolean allPairs) {
        return new StudyReport(StudyAnalysis.of(StoreReader.read(store, studyId), allPairs));
    }

    /** The report of already loaded {@code data}. */
    static StudyReport of(StudyData data, boolean allPairs) {
        return new StudyReport(StudyAnalysis.of(data, allPairs));
    }

    /** Writes the four report files (and the charts' SVG files) into {@code dir}; returns report.html's path. */
    public Path write(Path dir) {
        Document doc = document();
        try {
            Files.createDirectories(dir);
            Path html = dir.resolve("report.html");
            Files.writeString(html, Html.render(doc), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.md"), Markdown.render(doc), StandardCharsets.UTF_8);
            for (Section section : doc.sections()) {
                for (Document.Block block : section.blocks()) {
                    if (block instanceof Figure f) {
                        Files.writeString(dir.resolve(f.file() + ".svg"), f.svg().standalone(f.title()),
                                StandardCharsets.UTF_8);
                    }
                }
            }
            analysis.data.results.write().csv(dir.resolve("results.csv").toFile());
            PluginVersions versions = pluginVersions();
            versions.table().write().csv(dir.resolve("plugins.csv").toFile());
            Files.writeString(dir.resolve("tables.tex"), LatexTables.render(analysis, versions), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new ReportException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The report's sections as an HTML fragment, every string escaped and no script: what {@code report.html}
     * shows below its title, for the workbench's study page ({@code awb ui}).
     */
    public String htmlSections() {
        return Html.sections(document());
    }

    /** The report's content, independent of format. */
    Document document() {
        StudyData data = analysis.data;
        ReportTables tables = new ReportTables(analysis);
        ReportFigures figures = new ReportFigures(analysis);
        List<Section> sections = new ArrayList<>();
        sections.add(overview());
        Section results = new Section("Results");
        Section comparisons = new Section("Comparisons against " + analysis.design.baseline);
        Section cost = new Section("Cost");
        Section plots = new Section("Plots");
        for (String context : analysis.design.contexts) {
            results.add(tables.results(context)).add(tables.intervals(context));
            tables.perClass(context).ifPresent(results::add);
            comparisons.add(tables.comparisons(context));
            if (!analysis.costMetrics.isEmpty()) {
                cost.add(tables.cost(context));
            }
            figures.intervals(context).forEach(plots::add);
            figures.learningCurves(context).forEach(plots::add);
            figures.pareto(context).forEach(plots::add);
        }
        figures.lengthAxis().ifPresent(axis -> figures.scaling(axis).forEach(plots::add));
        warnings(comparisons);
        sections.add(results);
        sections.add(comparisons);
        if (!analysis.costMetrics.isEmpty()) {
            sections.add(cost);
        }
        if (!analysis.design.budgetAxes.isEmpty()) {
            sections.add(new Section("Budget").add(new Document.Paragraph("Tuned axes " + analysis.design.budgetAxes
                    + ": per compared value, the point with the best mean " + analysis.select
                    + " over seeds is reported.")).add(tables.sensitivity()));
        }
        sections.add(plots);
        sections.add(attention(figures));
        sections.add(method());
        sections.add(new Section("Trials").add(tables.trials()));
        return new Document("Study " + data.info.id() + " (" + data.info.experiment() + ")", sections);
    }

    private Section overview() {
        StudyData data = analysis.data;
        Map<String, Long> status = data.trials.stream().collect(Collectors.groupingBy(ReportTrial::status, TreeMap::new,
                Collectors.counting()));
        List<String[]> facts = new ArrayList<>(List.of(new String[] {"study", data.info.id()},
                new String[] {"experiment", data.info.experiment()}, new String[] {"file", data.info.file()},
                new String[] {"created", data.info.created()},
                new String[] {"code revision", data.info.revision() + " (awb " + data.info.awbVersion() + ")"},
                new String[] {"trials", data.trials.size() + " " + status},
                new String[] {"compared", analysis.design.compare == null ? "nothing (one group)"
                        : analysis.design.compare + ": " + analysis.design.variants},
                new String[] {"baseline", String.valueOf(analysis.design.baseline)},
                new String[] {"metrics", analysis.metrics.toString()}));
        if (!analysis.design.contextAxes.isEmpty()) {
            facts.add(new String[] {"compared within", analysis.design.contextAxes.toString()});
        }
        facts.add(new String[] {"overrides", data.spec.overrides().isEmpty() ? "none"
                : String.join(" ", data.spec.overrides().stream().map(o -> "-s " + o).toList())});
        for (String count : data.finalMetrics(Split.DATA.text())) {
            facts.add(new String[] {count, dataCount(count)});
        }
        Section section = new Section("Overview").add(new Document.Facts(facts));
        if (!analysis.design.note.isEmpty()) {
            section.add(new Document.Note(analysis.design.note));
        }
        data.replicateSplits.forEach(split -> section.add(new Document.Note(split)));
        settings().ifPresent(section::add);
        plugins().ifPresent(section::add);
        List<ReportTrial> diverged = data.trials.stream().filter(ReportTrial::diverged).toList();
        if (!diverged.isEmpty()) {
            section.add(new Document.Note(diverged.size() + " trial(s) diverged (training loss NaN or infinite) and are"
                    + " left out of every statistic: " + diverged.stream().map(t -> describe(t) + ": " + t.error())
                    .collect(Collectors.joining("; "))));
        }
        long failed = data.trials.stream().filter(t -> !t.finished() && !t.diverged()).count();
        if (failed > 0) {
            section.add(new Document.Note(failed + " trial(s) did not finish; they are left out of every statistic."));
        }
        return section;
    }

    /**
     * The resolved settings that differ between the compared groups (one column per group), so a reader sees
     * what each group ran beyond its label; empty when there is one group.
     */
    private java.util.Optional<Document.Grid> settings() {
        StudyDesign design = analysis.design;
        List<ReportTrial> trials = analysis.data.trials;
        java.util.function.Function<ReportTrial, String> group = t -> {
            String context = design.context(t);
            return design.variant(t) + (context.isEmpty() ? "" : " (" + context + ")");
        };
        Map<String, Map<String, String>> rows = Replicates.distinguishing(trials, group, 40);
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> groups = new ArrayList<>(rows.values().iterator().next().keySet());
        List<String> headers = new ArrayList<>(List.of("setting"));
        headers.addAll(groups);
        List<List<Document.Cell>> cells = new ArrayList<>();
        rows.forEach((path, values) -> {
            List<Document.Cell> row = new ArrayList<>(List.of(new Document.Cell(path, false)));
            groups.forEach(g -> row.add(new Document.Cell(values.get(g), false)));
            cells.add(row);
        });
        return java.util.Optional.of(new Document.Grid("Resolved settings that differ between the compared groups"
                + " (seeds aside, every trial of a group has the same configuration)", headers, cells));
    }

    /** The plugin bundles and versions each compared group ran with, one row per plugin. */
    private java.util.Optional<Document.Grid> plugins() {
        PluginVersions versions = pluginVersions();
        if (versions.rows().isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> headers = new ArrayList<>(List.of("plugin"));
        headers.addAll(versions.groups());
        List<List<Document.Cell>> cells = new ArrayList<>();
        versions.rows().forEach((use, byGroup) -> {
            List<Document.Cell> row = new ArrayList<>(List.of(new Document.Cell(use, false)));
            versions.groups().forEach(g -> row.add(new Document.Cell(byGroup.getOrDefault(g, "—"), false)));
            cells.add(row);
        });
        return java.util.Optional.of(new Document.Grid("Plugin bundles and versions each compared group ran with (also"
                + " plugins.csv)", headers, cells));
    }

    /** The plugins of the study's trials, grouped like the comparison (compared value, then context). */
    PluginVersions pluginVersions() {
        StudyDesign design = analysis.design;
        return PluginVersions.of(analysis.data.trials, t -> {
            String context = design.context(t);
            return design.variant(t) + (context.isEmpty() ? "" : " (" + context + ")");
        });
    }

    private static String describe(ReportTrial trial) {
        String labels = trial.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return (labels.isEmpty() ? "" : labels + ", ") + "seed " + trial.seed();
    }

    /**
     * What the datasets counted ({@code data.skipped_records}, ...) over the finished trials: one number when every
     * trial has the same, else the range, with the number of trials either way.
     */
    private String dataCount(String metric) {
        StudyData data = analysis.data;
        List<Double> values = data.trials.stream().filter(ReportTrial::finished).map(t -> data.finalValue(t, metric))
                .filter(java.util.Objects::nonNull).toList();
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return (min == max ? Numbers.num(min) : Numbers.num(min) + " to " + Numbers.num(max)) + " (in each of "
                + values.size() + " finished trial(s))";
    }

    private void warnings(Section comparisons) {
        analysis.comparisons.stream().map(r -> r.comparison().warning()).filter(w -> !w.isEmpty()).distinct()
                .forEach(w -> comparisons.add(new Document.Note(w)));
        if (analysis.comparisons.isEmpty()) {
            comparisons.add(new Document.Paragraph("No comparison: the study has a single compared value."));
        }
    }

    private static Optional<List<AttentionMaps.Example>> maps(Path studyDir, String trialId) {
        Path file;
        try {
            file = Study.attentionMapsFile(Study.trialDirectory(studyDir, trialId));
        } catch (IllegalArgumentException e) {
            throw new ReportException(e.getMessage());
        }
        try {
            return AttentionMaps.read(file).map(AttentionMaps::examples);
        } catch (java.io.UncheckedIOException e) {
            throw new ReportException(e.getMessage(), e);
        }
    }

    private Section attention(ReportFigures figures) {
        Section section = new Section("Attention maps");
        Path dir = Path.of(analysis.data.info.dir());
        int found = 0;
        for (Map.Entry<Group, List<ReportTrial>> e : analysis.selected.entrySet()) {
            for (ReportTrial trial : e.getValue()) {
                Optional<List<AttentionMaps.Example>> examples = maps(dir, trial.id());
                if (examples.isEmpty()) {
                    continue;
                }
                found++;
                String who = ReportTables.caption(e.getKey().variant(), e.getKey().context()) + ", seed " + trial.seed();
                for (int x = 0; x < Math.min(MAP_EXAMPLES, examples.get().size()); x++) {
                    AttentionMaps.Example ex = examples.get().get(x);
                    for (int l = 0; l < ex.layers().length; l++) {
                        for (int h = 0; h < ex.layers()[l].length; h++) {
                            String title = who + ": example " + (x + 1) + ", layer " + (l + 1) + ", head " + (h + 1);
                            section.add(figures.figure(title, HeatMap.render(title, crop(ex.layers()[l][h], ex.length()),
                                    ex.tokens())));
                        }
                    }
                }
                break;
            }
        }
        if (found == 0) {
            section.add(new Document.Paragraph("No attention maps were captured for this study (no trials/<id>/attention.json"
                    + " under " + dir + ")."));
        } else {
            section.blocks().add(0, new Document.Paragraph("Weights of the first " + MAP_EXAMPLES + " captured test examples of one"
                    + " seed per variant, first " + MAP_POSITIONS + " positions at most."));
        }
        return section;
    }

    private static double[][] crop(double[][] weights, int length) {
        int n = Math.min(Math.min(length, weights.length), MAP_POSITIONS);
        double[][] out = new double[n][];
        for (int q = 0; q < n; q++) {
            out[q] = java.util.Arrays.copyOf(weights[q], Math.min(n, weights[q].length));
        }
        return out;
    }

    private Section method() {
        return new Section("Method").add(new Document.Paragraph(String.format(java.util.Locale.ROOT,
                "Means and sample standard deviations are over seeds (replicates); %.0f%% confidence intervals are "
                        + "Student t intervals (mean ± t(0.975, n-1)·s/√n). Each variant is compared with %s on the "
                        + "seeds both ran: paired t-test (two-sided) and Wilcoxon signed-rank test (two-sided; zero "
                        + "differences dropped; exact distribution up to %d pairs, normal approximation with tie and "
                        + "continuity correction above). p-values are Holm-adjusted within each metric and context. "
                        + "Effect sizes: Cohen's d_z = mean(Δ)/sd(Δ) and Hedges' g_z (small-sample corrected). The "
                        + "verdict follows the Holm-adjusted paired t-test at α = %.2f and the metric's direction "
                        + "(loss, perplexity, error, time, memory: lower is better). With n paired seeds the Wilcoxon "
                        + "test cannot give p below %s, so fewer than 6 seeds never reach significance with it.",
                Summary.LEVEL * 100, analysis.design.baseline, WilcoxonSignedRank.EXACT_LIMIT, PairedComparison.ALPHA,
                "2/2^n")));
    }
}
