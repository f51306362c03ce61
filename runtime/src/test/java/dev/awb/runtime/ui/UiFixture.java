package dev.awb.runtime.ui;

import dev.awb.runtime.store.Claim;
import dev.awb.runtime.store.LeaseTerms;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.study.Study;
import dev.awb.runtime.train.AttentionMaps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A results store with two studies written through the store's public API: {@code ablation} (attention soft,
 * linear and a label that tries to inject script; two seeds each, three epochs; one failed trial with a worker log;
 * one trial running under a live lease at epoch 1, which {@link #progress} advances) and an empty {@code later}.
 */
final class UiFixture {
    static final String STUDY = "ablation";
    static final String EVIL = "<script>alert('awb')</script>";
    static final String RUNNING = "t0007";
    static final String FAILED = "t0004";
    static final String MAPPED = "t0001";

    final Path store;
    final Path studyDir;
    private final LeaseTerms lease = new LeaseTerms(Duration.ofHours(1), Duration.ofHours(2));

    private UiFixture(Path store, Path studyDir) {
        this.store = store;
        this.studyDir = studyDir;
    }

    static UiFixture write(Path dir) throws IOException {
        Path studyDir = dir.resolve(STUDY);
        UiFixture fixture = new UiFixture(dir.resolve("awb.sqlite"), studyDir);
        try (ResultsStore store = ResultsStore.open(fixture.store.toString())) {
            String spec = "{\"compare\":\"attention\",\"baseline\":\"soft\",\"metrics\":[\"test.accuracy\"],"
                    + "\"axes\":[\"attention\"],\"budget\":[],\"select\":null,\"select_mode\":\"max\"}";
            store.createStudy(new StudyRecord(STUDY, "ablation " + EVIL, "/x/ablation.yaml", studyDir.toString(), spec,
                    "abc123", "0.1.0", "2026-12-01T10:00:00Z"));
            store.createStudy(new StudyRecord("later", "later", "/x/later.yaml", dir.resolve("later").toString(), "{}",
                    "abc123", "0.1.0", "2026-12-02T10:00:00Z"));
            String[] variants = {"soft", "soft", "linear", "linear", EVIL, EVIL, "linear"};
            long[] seeds = {1, 2, 1, 2, 1, 2, 3};
            List<TrialRecord> planned = new ArrayList<>();
            for (int i = 0; i < variants.length; i++) {
                planned.add(TrialRecord.planned(id(i), i + 1, seeds[i], "{\"attention\":" + json(variants[i]) + "}", "{\"seed\":"
                        + seeds[i] + ",\"attention\":{\"use\":" + json("attention/" + variants[i]) + "},\"trainer\":{\"epochs\":3}}"));
            }
            store.registerTrials(STUDY, planned);
            for (int i = 0; i < variants.length; i++) {
                Claim claim = store.claim(STUDY, id(i), "fixture:1", fixture.lease).orElseThrow();
                if (id(i).equals(RUNNING)) {
                    store.recordMetrics(claim, List.of(new MetricRow(id(i), "train", "loss", 1, 2.5)));
                    continue;
                }
                if (id(i).equals(FAILED)) {
                    Path log = Study.workerLog(Study.trialDirectory(studyDir, id(i)));
                    Files.createDirectories(log.getParent());
                    Files.writeString(log, "epoch 1 started\nException in thread main: <b>out of memory</b>\n");
                    store.failTrial(claim, "java.lang.OutOfMemoryError: <img src=x onerror=alert(1)>");
                    continue;
                }
                List<MetricRow> epochs = new ArrayList<>();
                for (int e = 1; e <= 3; e++) {
                    epochs.add(new MetricRow(id(i), "train", "loss", e, 2.0 / e + 0.05 * i));
                }
                store.recordMetrics(claim, epochs);
                double accuracy = variants[i].equals("linear") ? 0.9 + 0.01 * seeds[i] : 0.7 + 0.01 * seeds[i];
                store.finishTrial(claim, List.of(new MetricRow(id(i), "test", "accuracy", null, accuracy),
                        new MetricRow(id(i), "cost", "train_tokens_per_s", null, 1000.0 * (i + 1))));
            }
        }
        new AttentionMaps(MAPPED, List.of(new AttentionMaps.Example(new int[] {5, 6, 7}, 3,
                new double[][][][] {{{{1, 0, 0}, {0.25, 0.75, 0}, {0.2, 0.3, 0.5}}}})))
                .write(Study.attentionMapsFile(Study.trialDirectory(studyDir, MAPPED)));
        return fixture;
    }

    /** Records epoch {@code epoch} of the running trial, as its worker would (under its lease). */
    void progress(int epoch, double loss) {
        try (ResultsStore store = ResultsStore.open(this.store.toString())) {
            store.recordMetric(STUDY, RUNNING, "train", "loss", epoch, loss);
        }
    }

    static String id(int i) {
        return String.format("t%04d", i + 1);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A bundle {@code dev.awb.test.view} with one DS component, {@code HelloView}, registered as a workbench
     * {@code View}: a view contributed by a plugin, as a researcher's bundle would.
     */
    static Path viewBundle(Path folder) throws IOException {
        String type = "dev.awb.fixture.view.HelloView";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true">
                  <implementation class="%s"/>
                  <service><provide interface="dev.awb.runtime.ui.spi.View"/></service>
                </scr:component>
                """.formatted(type, type);
        String path = type.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = UiFixture.class.getResourceAsStream("/" + path)) {
            bytes = in.readAllBytes();
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "dev.awb.test.view");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "dev.awb.runtime.ui.spi;version=\"[1.0,2)\",tech.tablesaw.api");
        main.putValue("Service-Component", "OSGI-INF/component.xml");
        Path jar = folder.resolve("view-hello.jar");
        Files.createDirectories(folder);
        // Written aside and moved in, so FileInstall never sees half a jar.
        Path partial = folder.getParent().resolve("view-hello.jar.part");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry(path));
            out.write(bytes);
            out.closeEntry();
        }
        return Files.move(partial, jar);
    }
}
