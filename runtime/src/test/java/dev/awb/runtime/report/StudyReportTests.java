package dev.awb.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.report.StudyAnalysis.Group;
import dev.awb.runtime.report.stats.PairedComparison;
import dev.awb.runtime.report.stats.Verdict;
import dev.awb.runtime.store.ResultsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTests {
    @TempDir
    Path dir;

    private StudyAnalysis ablation() {
        return StudyAnalysis.of(StudyFixture.ablation().data(dir.toString()), false);
    }

    @Test
    void comparesEveryVariantAgainstTheBaseline() {
        StudyAnalysis a = ablation();
        assertEquals(List.of("soft", "linear", StudyFixture.EVIL), a.design.variants);
        assertEquals(6, a.summary(new Group("", "linear"), "test.accuracy").n(), "the failed trial is left out");
        PairedComparison linear = comparison(a, "linear", "test.accuracy");
        assertEquals(Verdict.BETTER, linear.verdict());
        // Differences linear - soft: 0.1 + {0.005, -0.005, 0.01, 0, -0.01, 0.005}; mean 0.10083333.
        assertEquals(0.1008333333, linear.tTest().meanDifference(), 1e-9);
        // Wilcoxon: all six differences positive, p = 2/2^6 = 0.03125; Holm over two comparisons doubles it.
        assertEquals(0.03125, linear.wilcoxon().p(), 1e-12);
        assertEquals(0.0625, linear.wilcoxonHolm(), 1e-12);
        // test.loss = 2 - accuracy: linear's loss is lower, which is better for a loss.
        assertEquals(Verdict.BETTER, comparison(a, "linear", "test.loss").verdict(), "loss is better low");
        assertTrue(linear.warning().contains("after Holm over 2"), linear.warning());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, comparison(a, StudyFixture.EVIL, "test.accuracy").verdict());
    }

    private static PairedComparison comparison(StudyAnalysis a, String variant, String metric) {
        return a.comparisons.stream().filter(r -> r.metric().equals(metric) && r.comparison().variant().equals(variant))
                .findFirst().orElseThrow().comparison();
    }

    @Test
    void loadsStudyFromTheResultsStore() throws IOException {
        try (ResultsStore store = ResultsStore.open(dir.resolve("awb.sqlite").toString())) {
            StudyFixture.ablation().store(store, "fixture/1", dir.toString());
            StudyReport report = StudyReport.load(store, "fixture/1");
            Path html = report.write(dir.resolve("from-store"));
            String text = Files.readString(html);
            assertTrue(text.contains("better") && text.contains("failed"), text);
            assertEquals(Files.readString(dir.resolve("from-store/report.md")),
                    Markdown.render(StudyReport.of(StudyFixture.ablation().data(dir.toString()), false).document()),
                    "the store round trip loses nothing the report shows");
            ReportException missing = org.junit.jupiter.api.Assertions.assertThrows(ReportException.class,
                    () -> StudyReport.load(store, "nope"));
            assertTrue(missing.getMessage().contains("no study [nope]") && missing.getMessage().contains("fixture/1"));
        }
    }

    @Test
    void writesHtmlMarkdownCsvAndLatex() throws IOException {
        Path out = dir.resolve("report");
        StudyReport.of(StudyFixture.ablation().data(dir.toString()), false).write(out);
        String html = Files.readString(out.resolve("report.html"));
        String md = Files.readString(out.resolve("report.md"));
        String tex = Files.readString(out.resolve("tables.tex"));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(html.contains("<svg") && html.contains("better") && html.contains("Per-class"), html);
        assertTrue(md.contains("](figure-01.svg)"), md);
        assertTrue(Files.exists(out.resolve("figure-01.svg")));
        assertEquals("trial,trial_index,seed,status,attention,split,metric,epoch,value", csv.get(0));
        // 18 finished trials x (3 final quality + 3 epochs + 5 cost + 6 per-class) rows.
        assertEquals(1 + 18 * 17, csv.size());
        assertTrue(tex.contains("\\toprule") && tex.contains("\\textbf{") && tex.contains("}$^{*}$ &"), tex);
        assertTrue(html.contains("slope") == false, "no length axis in this study, so no scaling plot");
    }

    @Test
    void htmlReferencesNoExternalResource() throws IOException {
        Path html = StudyReport.of(StudyFixture.ablation().data(dir.toString()), false).write(dir.resolve("r"));
        String text = Files.readString(html);
        assertFalse(text.contains("http://"), "http:// in report.html");
        assertFalse(text.contains("https://"), "https:// in report.html");
        assertFalse(Pattern.compile("(?i)<(script|link|img|iframe|object|embed)\\b").matcher(text).find());
        assertFalse(Pattern.compile("(?i)<[^>]*\\s(src|href)\\s*=").matcher(text).find());
        assertFalse(text.contains("url("));
    }

    @Test
    void escapesMaliciousLabelInEveryFormat() throws IOException {
        Path out = dir.resolve("r");
        StudyReport.of(StudyFixture.ablation().data(dir.toString()), false).write(out);
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<img"), "raw tag in HTML");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"));
        assertFalse(html.contains("<b>boom"), "error text is escaped too");
        String md = Files.readString(out.resolve("report.md"));
        assertFalse(md.contains("<img"));
        assertTrue(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;\"'&amp;\\|\\*\\_\\`$\\\\{}%#~^")
                || md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"), md);
        for (String line : md.split("\n")) {
            if (line.startsWith("|") && line.contains("onerror")) {
                assertEquals(countCells(md.lines().filter(l -> l.startsWith("|")).filter(l -> !l.contains("onerror"))
                        .filter(l -> l.split("(?<!\\\\)\\|").length == line.split("(?<!\\\\)\\|").length).findFirst()
                        .orElse(line)), countCells(line), "a label must not add table cells: " + line);
            }
        }
        String tex = Files.readString(out.resolve("tables.tex"));
        assertTrue(tex.contains("\\textless{}img src=x onerror=alert(1)\\textgreater{}\"'\\&|*\\_`\\$\\textbackslash{}\\{\\}\\%\\#"
                + "\\textasciitilde{}\\textasciicircum{}"), tex);
        for (String svg : List.of("figure-01.svg", "figure-02.svg")) {
            assertFalse(Files.readString(out.resolve(svg)).contains("<img"));
        }
    }

    private static int countCells(String line) {
        return line.split("(?<!\\\\)\\|").length;
    }

    @Test
    void picksBestOfBudgetByValidationAndReportsTest() {
        StudyFixture f = new StudyFixture("{\"compare\":\"attention\",\"baseline\":\"soft\",\"metrics\":[\"test.accuracy\"],"
                + "\"axes\":[\"attention\",\"lr\"],\"budget\":[\"lr\"],\"select\":\"validation.accuracy\",\"select_mode\":\"max\"}");
        for (String variant : List.of("soft", "linear")) {
            for (String lr : List.of("0.1", "0.01")) {
                for (int seed = 1; seed <= 3; seed++) {
                    StudyFixture.Trial t = f.trial(seed, "attention", variant, "lr", lr);
                    // soft is best at lr 0.1 on validation, linear at 0.01; test favours the other lr (never looked at).
                    boolean good = variant.equals("soft") == lr.equals("0.1");
                    StudyFixture.metric(t, "validation", "accuracy", null, good ? 0.9 : 0.6);
                    StudyFixture.metric(t, "test", "accuracy", null, (good ? 0.7 : 0.8) + seed * 0.01);
                }
            }
        }
        StudyAnalysis a = StudyAnalysis.of(f.data(dir.toString()), false);
        assertEquals("lr=0.1", a.chosenPoint.get(new Group("", "soft")));
        assertEquals("lr=0.01", a.chosenPoint.get(new Group("", "linear")));
        assertEquals(0.72, a.summary(new Group("", "soft"), "test.accuracy").mean(), 1e-12);
        assertEquals(4, a.sensitivity.size());
        assertEquals(2, a.sensitivity.stream().filter(StudyAnalysis.SensitivityRow::chosen).count());
        assertTrue(StudyReport.of(f.data(dir.toString()), false).document().sections().stream()
                .anyMatch(s -> s.title().equals("Budget")));
    }

    @Test
    void fitsLogLogSlopePerVariantWhenLengthIsSwept() {
        StudyFixture f = new StudyFixture("{\"compare\":\"attention\",\"axes\":[\"attention\",\"data.with.length\"]}");
        for (String variant : List.of("soft", "linear")) {
            for (int length : new int[] {64, 128, 256, 512}) {
                StudyFixture.Trial t = f.trial(1, "attention", variant, "data.with.length", Integer.toString(length));
                StudyFixture.metric(t, "test", "accuracy", null, 0.5);
                // soft: seconds per sequence ∝ length^2, tokens/s ∝ 1/length; linear: tokens/s constant.
                double tokensPerSecond = variant.equals("soft") ? 1e6 / length : 1e4;
                StudyFixture.metric(t, "cost", "train_tokens_per_s", null, tokensPerSecond);
                StudyFixture.metric(t, "cost", "peak_physical_bytes", null, variant.equals("soft") ? 1.0 * length * length : length);
            }
        }
        String html = Html.render(StudyReport.of(f.data(dir.toString()), false).document());
        assertTrue(html.contains("slope 2.00") && html.contains("slope 1.00"), "quadratic and linear scaling slopes");
        assertTrue(html.contains("against data.with.length (log–log)"));
    }

    @Test
    void rendersAttentionMapsWhenCapturedAndSaysSoWhenNot() throws IOException {
        StudyFixture f = StudyFixture.ablation();
        String without = Html.render(StudyReport.of(f.data(dir.toString()), false).document());
        assertTrue(without.contains("No attention maps were captured"));
        Path file = dev.awb.runtime.study.Study.attentionMapsFile(dev.awb.runtime.study.Study.trialDirectory(dir, "t0001"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"trial\":\"t0001\",\"examples\":[{\"tokens\":[5,6,7],\"length\":3,\"layers\":"
                + "[[[[1,0,0],[0.5,0.5,0],[0.2,0.3,0.5]],[[0.4,0.3,0.3],[0,1,0],[0,0,1]]]]}]}");
        String with = Html.render(StudyReport.of(f.data(dir.toString()), false).document());
        assertTrue(with.contains("soft, seed 1: example 1, layer 1, head 2"), with);
        assertTrue(with.contains("fill=\"#08306b\""));
    }
}
