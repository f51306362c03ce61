package dev.awb.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awb.runtime.store.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginVersionsTests {
    @TempDir
    Path dir;

    private static ReportTrial trial(String id, String variant, String attentionVersion) {
        String config = """
                {"attention":{"use":"attention/%s","bundle":"dev.awb.attention-%s@%s","with":{"heads":2}},
                 "data":{"use":"dataset/mqar","bundle":"dev.awb.dataset-mqar@0.1.0","with":{}},
                 "metrics":[{"use":"metric/accuracy","bundle":"dev.awb.metrics@0.1.0","with":{}}],
                 "model_parts":{"pooling":{"use":"pooling/mean","bundle":"dev.awb.pooling-mean@0.1.0","with":{}}},
                 "seed":1}""".formatted(variant, variant, attentionVersion);
        return new ReportTrial(new TrialRecord(id, 1, 1, "{}", config, "finished", null, 1, null, null, null, null, null),
                Map.of("attention", variant), "finished");
    }

    @Test
    void listsEveryPluginOfEveryNodePerGroupWithItsBundleVersion() {
        PluginVersions versions = PluginVersions.of(List.of(trial("a", "soft", "0.1.0"), trial("b", "soft", "0.1.0"),
                trial("c", "linear", "0.2.0")), t -> t.label("attention"));
        assertEquals(List.of("soft", "linear"), versions.groups());
        assertEquals(Map.of("soft", "dev.awb.attention-soft@0.1.0"), versions.rows().get("attention/soft"));
        assertEquals(Map.of("linear", "dev.awb.attention-linear@0.2.0"), versions.rows().get("attention/linear"));
        assertEquals(Map.of("soft", "dev.awb.metrics@0.1.0", "linear", "dev.awb.metrics@0.1.0"),
                versions.rows().get("metric/accuracy"));
        assertEquals(Map.of("soft", "dev.awb.pooling-mean@0.1.0", "linear", "dev.awb.pooling-mean@0.1.0"),
                versions.rows().get("pooling/mean"), "nested model parts count too");
        assertEquals("attention/linear 0.2.0 (linear); attention/soft 0.1.0 (soft); dataset/mqar 0.1.0; "
                + "metric/accuracy 0.1.0; pooling/mean 0.1.0", versions.summary());
    }

    @Test
    void aGroupThatRanTwoVersionsListsBoth() {
        PluginVersions versions = PluginVersions.of(List.of(trial("a", "soft", "0.1.0"), trial("b", "soft", "0.1.1")),
                t -> t.label("attention"));
        assertEquals("dev.awb.attention-soft@0.1.0, dev.awb.attention-soft@0.1.1",
                versions.rows().get("attention/soft").get("soft"));
    }

    @Test
    void theReportWritesPluginsCsvAndListsThemInTheOverview() throws Exception {
        StudyFixture fixture = StudyFixture.ablation();
        Path out = dir.resolve("report");
        StudyReport.of(fixture.data(dir.toString()), false).write(out);
        List<String> csv = Files.readAllLines(out.resolve("plugins.csv"));
        assertEquals("group,plugin,bundle", csv.get(0));
        assertTrue(csv.contains("soft,attention/soft,dev.awb.attention-soft@0.1.0"), csv.toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Plugin bundles and versions each compared group ran with"), md);
        assertTrue(Files.readString(out.resolve("tables.tex")).contains("Plugins: attention/"), "LaTeX caption");
    }
}
