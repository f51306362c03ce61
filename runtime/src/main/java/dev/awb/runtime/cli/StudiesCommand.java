package dev.awb.runtime.cli;

import dev.awb.runtime.experiment.StudySpec;
import dev.awb.runtime.store.MetricRow;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StoreLookup;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code awb studies [STUDY]} (alias {@code awb runs}): the studies in the results store with their trial counts by
 * status, or one study's trials with their labels, seed, status, attempts and main final metric.
 */
@Command(name = "studies", aliases = "runs", mixinStandardHelpOptions = true,
        description = {"List the studies in the results store (id, experiment, created, trials by status),",
            "or with STUDY, its trials (id prefix, labels, seed, status, attempts, main final metric)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the store does not exist or cannot be read", "2:no such study"})
final class StudiesCommand implements Callable<Integer> {
    /** How many characters of a trial id are shown; enough to be unique in practice and accepted by show. */
    static final int ID_PREFIX = 12;

    @Parameters(paramLabel = "STUDY", arity = "0..1", description = "A study id (as listed without it).")
    String study;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ResultsStore results = store.open()) {
            if (study == null) {
                listStudies(out, results);
                return ExitCodes.OK;
            }
            listTrials(out, results, StoreLookup.study(results, study));
            return ExitCodes.OK;
        }
    }

    private static void listStudies(PrintWriter out, ResultsStore results) {
        List<StudyRecord> studies = results.studies();
        String format = "%-24s %-24s %-24s %6s  %s%n";
        out.printf(format, "STUDY", "EXPERIMENT", "CREATED", "TRIALS", "STATUS");
        for (StudyRecord study : studies) {
            Map<String, Integer> counts = results.statusCounts(study.id());
            String status = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
            out.printf(format, study.id(), study.experiment(), study.created(),
                    counts.values().stream().mapToInt(Integer::intValue).sum(), status.isEmpty() ? "-" : status);
        }
        if (studies.isEmpty()) {
            out.println("(no studies yet: awb run FILE creates one)");
        }
    }

    private static void listTrials(PrintWriter out, ResultsStore results, StudyRecord study) {
        List<MetricRow> finals = results.finalMetrics(study.id());
        String metric = StudySpec.parse(study.spec()).mainMetric(finals.stream().map(MetricRow::key).toList());
        Map<String, Double> values = new HashMap<>();
        finals.stream().filter(m -> m.key().equals(metric))
                .forEach(m -> values.put(m.trialId(), m.value()));
        out.printf("study %s (experiment %s, created %s, revision %s)%n", study.id(), study.experiment(),
                study.created(), study.revision());
        String format = "%-" + ID_PREFIX + "s  %-40s %6s  %-9s %8s  %s%n";
        out.printf(format, "TRIAL", "LABELS", "SEED", "STATUS", "ATTEMPTS", metric == null ? "" : metric);
        for (TrialRecord trial : results.trials(study.id())) {
            Double value = values.get(trial.id());
            out.printf(format, trial.id().substring(0, Math.min(ID_PREFIX, trial.id().length())),
                    trial.labelsText(), trial.seed(), trial.status(), trial.attempts(),
                    value == null ? "-" : String.format(Locale.ROOT, "%.4f", value));
        }
    }

}
