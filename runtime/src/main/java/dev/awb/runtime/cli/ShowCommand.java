package dev.awb.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyTrial;
import dev.awb.runtime.store.TrialRecord;
import dev.awb.runtime.study.Provenance;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb show TRIAL}: one trial's status, provenance (plugin bundles with jar hashes, code revision, seed,
 * ND4J backend and native variant, JVM, OS, CPU, GPUs), resolved configuration and final metrics.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show a trial: status, provenance (plugin bundles with SHA-256, code revision, seed, ND4J backend"
                + " and native variant, JVM, OS, CPU, GPUs), resolved configuration and final metrics.",
            "TRIAL is a trial id or a unique prefix of one (awb studies STUDY lists them), searched in every study."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:the store does not exist or cannot be read", "2:no trial or more than one matches (candidates listed)"})
final class ShowCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "TRIAL", description = "A trial id or a unique prefix of one.")
    String trial;

    @Option(names = "--study", paramLabel = "STUDY",
            description = "Only look in this study (when the same trial ran in several studies).")
    String study;

    @Mixin
    StoreOption store;

    @Option(names = "--json", description = "Print one JSON object: study, trial, provenance, config, metrics.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        try (ResultsStore results = store.open()) {
            StudyTrial found = StoreLookup.trial(results, trial, study);
            List<MetricRow> finals = results.finalMetrics(found.studyId(), found.trial().id());
            Optional<String> provenance = results.provenance(found.studyId(), found.trial().id());
            if (json) {
                out.println(JSON.writeValueAsString(asJson(found, provenance, finals)));
            } else {
                printText(out, found, provenance, finals);
            }
            return ExitCodes.OK;
        }
    }

    private static void printText(PrintWriter out, StudyTrial found, Optional<String> provenanceJson,
            List<MetricRow> finals) throws JsonProcessingException {
        TrialRecord t = found.trial();
        line(out, "trial", t.id() + "  (study " + found.studyId() + ", #" + t.index() + " of its plan)");
        line(out, "labels", t.labelsText());
        line(out, "seed", String.valueOf(t.seed()));
        line(out, "status", t.status() + " after " + t.attempts() + " attempt(s)"
                + (t.worker() == null ? "" : ", last by " + t.worker())
                + (t.started() == null ? "" : ", started " + t.started())
                + (t.finished() == null ? "" : ", ended " + t.finished()));
        if (t.error() != null) {
            line(out, "error", t.error());
        }
        out.println();
        out.println("provenance:");
        if (provenanceJson.isEmpty()) {
            out.println("  (none recorded: the trial never started, or ran before awb recorded provenance)");
        } else {
            printProvenance(out, provenanceJson.get());
        }
        out.println();
        out.println("configuration:");
        out.println(indent(JSON.writeValueAsString(JSON.readTree(t.config()))));
        out.println();
        out.println("final metrics:");
        if (finals.isEmpty()) {
            out.println("  (none: the trial has not finished)");
        }
        for (MetricRow m : finals) {
            out.printf(Locale.ROOT, "  %-36s %s%n", m.key(), format(m.value()));
        }
    }

    private static void printProvenance(PrintWriter out, String json) {
        Provenance p;
        try {
            p = Provenance.fromJson(json);
        } catch (IllegalArgumentException unreadable) {
            out.println(indent(json));
            return;
        }
        line(out, "  captured", p.captured() + " by " + p.worker());
        line(out, "  code", "awb " + p.code().awbVersion() + ", revision " + p.code().revision());
        line(out, "  seed", String.valueOf(p.seed()));
        Provenance.Backend nd4j = p.nd4j();
        line(out, "  nd4j", nd4j.backend() + ", native " + nd4j.nativeLibrary());
        line(out, "  native level", "built for " + nd4j.binaryLevel() + ", CPU supports " + nd4j.cpuLevel());
        line(out, "  blas", nd4j.blas());
        line(out, "  threads", nd4j.threads().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        line(out, "  jvm", p.jvm().vendor() + " " + p.jvm().version() + " (" + p.jvm().vm() + "), max heap "
                + p.jvm().maxHeapBytes() / (1 << 20) + " MiB");
        line(out, "  os", p.os().name() + " " + p.os().version() + " " + p.os().arch() + " on " + p.os().host());
        line(out, "  cpu", p.cpu().model() + ", " + p.cpu().cores() + " cores available");
        line(out, "  gpus", p.gpus().isEmpty() ? "none" : p.gpus().stream()
                .map(g -> g.name() + " (" + g.memory() + ", driver " + g.driver() + ", " + g.uuid() + ")")
                .collect(Collectors.joining("; ")));
        out.println("  bundles (* = used by this trial):");
        for (Provenance.BundleJar b : p.bundles()) {
            out.printf("    %s %-40s %-26s sha256 %s  %s%n", b.used() ? "*" : " ", b.symbolicName(), b.version(),
                    b.sha256(), b.location());
        }
    }

    private static ObjectNode asJson(StudyTrial found, Optional<String> provenance, List<MetricRow> finals)
            throws JsonProcessingException {
        TrialRecord t = found.trial();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("study", found.studyId());
        ObjectNode trial = root.putObject("trial");
        trial.put("id", t.id()).put("index", t.index()).put("seed", t.seed()).put("status", t.status())
                .put("error", t.error()).put("attempts", t.attempts()).put("worker", t.worker())
                .put("started", t.started()).put("finished", t.finished());
        trial.set("labels", JSON.readTree(t.labels()));
        JsonNode provenanceNode = provenance.isPresent() ? JSON.readTree(provenance.get()) : null;
        root.set("provenance", provenanceNode);
        root.set("config", JSON.readTree(t.config()));
        ObjectNode metrics = root.putObject("metrics");
        for (MetricRow m : finals) {
            if (Double.isFinite(m.value())) {
                metrics.put(m.key(), m.value());
            } else {
                metrics.putNull(m.key());
            }
        }
        return root;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-16s %s%n", key + ":", value);
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "NaN (undefined)" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    }
}
