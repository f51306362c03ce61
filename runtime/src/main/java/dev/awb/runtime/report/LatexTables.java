package dev.awb.runtime.report;

import dev.awb.runtime.report.StudyAnalysis.Group;
import dev.awb.runtime.report.stats.PairedComparison;
import dev.awb.runtime.report.stats.Summary;
import java.util.List;

/**
 * {@code tables.tex}: the results, comparison and cost tables as booktabs tables (the booktabs package),
 * best mean in bold, significance against the baseline marked by superscripts. Every string is escaped.
 */
final class LatexTables {
    private LatexTables() {
    }

    static String render(StudyAnalysis a, PluginVersions versions) {
        ReportTables tables = new ReportTables(a);
        String plugins = versions.rows().isEmpty() ? "" : " Plugins: " + Latex.text(versions.summary()) + ".";
        StringBuilder tex = new StringBuilder("% Tables of study ").append(Latex.text(a.data.info.id()))
                .append(". Needs \\usepackage{booktabs}.\n");
        for (String context : a.design.contexts) {
            results(tex, a, tables, context, plugins);
            comparisons(tex, a, context);
            if (!a.costMetrics.isEmpty()) {
                cost(tex, a, tables, context);
            }
        }
        return tex.toString();
    }

    private static void results(StringBuilder tex, StudyAnalysis a, ReportTables tables, String context,
            String plugins) {
        begin(tex, ReportTables.caption("Final metrics, mean $\\pm$ std over seeds", Latex.text(context))
                + ". Bold: best. $^{*}$: paired t-test against " + Latex.text(a.design.baseline)
                + ", $^{\\dagger}$: Wilcoxon signed-rank; Holm-adjusted $p<0.05$." + plugins, 1 + a.metrics.size());
        tex.append(Latex.text(tables.variantHeader()));
        a.metrics.forEach(m -> tex.append(" & ").append(Latex.text(m)));
        tex.append(" \\\\\n\\midrule\n");
        for (String variant : a.design.variants) {
            Group group = new Group(context, variant);
            if (!a.selected.containsKey(group)) {
                continue;
            }
            tex.append(Latex.text(variant));
            for (String metric : a.metrics) {
                Summary s = a.summary(group, metric);
                String cell = s == null || s.n() == 0 ? "n/a" : Double.isNaN(s.std()) ? Numbers.num(s.mean())
                        : Numbers.num(s.mean()) + " $\\pm$ " + Numbers.num(s.std());
                if (s != null && s.n() > 0 && tables.isBest(context, metric, s.mean())) {
                    cell = "\\textbf{" + cell + "}";
                }
                String marks = tables.marks(context, variant, metric).replace(ReportTables.T_MARK, "*")
                        .replace(ReportTables.W_MARK, "\\dagger");
                tex.append(" & ").append(cell).append(marks.isEmpty() ? "" : "$^{" + marks + "}$");
            }
            tex.append(" \\\\\n");
        }
        end(tex);
    }

    private static void comparisons(StringBuilder tex, StudyAnalysis a, String context) {
        List<StudyAnalysis.ComparisonRow> rows = a.comparisons.stream().filter(r -> r.context().equals(context)).toList();
        if (rows.isEmpty()) {
            return;
        }
        begin(tex, ReportTables.caption("Paired comparisons over seeds (Holm-adjusted p)", Latex.text(context)), 8);
        tex.append("variant & against & metric & $n$ & $\\Delta$ & $p_t$ & $p_W$ & verdict \\\\\n\\midrule\n");
        for (StudyAnalysis.ComparisonRow row : rows) {
            PairedComparison c = row.comparison();
            tex.append(Latex.text(c.variant())).append(" & ").append(Latex.text(c.reference())).append(" & ")
                    .append(Latex.text(row.metric())).append(" & ").append(c.tTest().n()).append(" & ")
                    .append(Numbers.num(c.tTest().meanDifference())).append(" & ")
                    .append(Latex.text(Numbers.p(c.tHolm()))).append(" & ").append(Latex.text(Numbers.p(c.wilcoxonHolm())))
                    .append(" & ").append(c.verdict().text()).append(" \\\\\n");
        }
        end(tex);
    }

    private static void cost(StringBuilder tex, StudyAnalysis a, ReportTables tables, String context) {
        begin(tex, ReportTables.caption("Cost, mean over seeds. Bold: best", Latex.text(context)), 1 + a.costMetrics.size());
        tex.append(Latex.text(tables.variantHeader()));
        a.costMetrics.forEach(m -> tex.append(" & ").append(Latex.text(m.substring(m.indexOf('.') + 1))));
        tex.append(" \\\\\n\\midrule\n");
        for (String variant : a.design.variants) {
            Group group = new Group(context, variant);
            if (!a.selected.containsKey(group)) {
                continue;
            }
            tex.append(Latex.text(variant));
            for (String metric : a.costMetrics) {
                Summary s = a.summary(group, metric);
                String cell = s == null || s.n() == 0 ? "n/a" : Numbers.num(s.mean());
                tex.append(" & ").append(s != null && s.n() > 0 && tables.isBest(context, metric, s.mean())
                        ? "\\textbf{" + cell + "}" : cell);
            }
            tex.append(" \\\\\n");
        }
        end(tex);
    }

    private static void begin(StringBuilder tex, String caption, int columns) {
        tex.append("\n\\begin{table}[t]\n\\centering\n\\caption{").append(caption).append("}\n\\begin{tabular}{l")
                .append("r".repeat(columns - 1)).append("}\n\\toprule\n");
    }

    private static void end(StringBuilder tex) {
        tex.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    }
}
