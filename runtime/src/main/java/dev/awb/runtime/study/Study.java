package dev.awb.runtime.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awb.runtime.experiment.StudyPlan;
import dev.awb.runtime.experiment.Trial;
import dev.awb.runtime.store.ResultsStore;
import dev.awb.runtime.store.StudyRecord;
import dev.awb.runtime.store.TrialRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study: the durable home of one experiment's trials in the store and on disk.
 *
 * <p>Running an experiment again continues its latest study: trials are registered by their configuration
 * hash, so finished ones are kept and skipped, unfinished ones resume, and trials a changed file adds are
 * appended; the new plan becomes the study's current plan (what reports and status counts cover). A run that
 * would give trials with equal labels other settings is refused ({@link ReplicateCheck}): a study is one
 * configuration set. {@code --fresh} starts a new study (id {@code NAME-2}, {@code NAME-3}, ...). The study directory
 * holds the experiment file as run ({@code experiment.yaml}), its command-line overrides
 * ({@code overrides.json}), the plan ({@code plan.jsonl}) and one folder per trial under {@code trials/}.
 */
public final class Study {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRIALS = "trials";
    /** The plan of the run that last planned the study: one JSON line per trial. */
    private static final String PLAN = "plan.jsonl";
    private static final String EXPERIMENT = "experiment.yaml";
    private static final String OVERRIDES = "overrides.json";

    private final StudyRecord record;
    private final boolean resumed;

    private Study(StudyRecord record, boolean resumed) {
        this.record = record;
        this.resumed = resumed;
    }

    /**
     * Continues the latest study of {@code plan}'s experiment in {@code store}, or creates one under
     * {@code runs}; makes the plan's trials the study's current plan and writes the study directory's files.
     *
     * @throws dev.awb.runtime.experiment.ExperimentException when continuing would put trials with equal labels
     *     but other settings into one study (see {@link ReplicateCheck}); nothing is written then
     */
    public static Study open(ResultsStore store, StudyPlan plan, List<String> overrides, Path runs, boolean fresh,
            String revision, String awbVersion) {
        String spec = plan.spec().withOverrides(overrides).json();
        StudyRecord record = null;
        boolean resumed = false;
        // Two drivers may open a new study at the same moment: whoever inserts it first creates it, the other
        // continues it (or, with --fresh, takes the next free id).
        while (record == null) {
            List<StudyRecord> existing = store.studiesOf(plan.name());
            if (!fresh && !existing.isEmpty()) {
                StudyRecord last = existing.get(existing.size() - 1);
                ReplicateCheck.check(last.id(), plan, store.allTrials(last.id()));
                record = new StudyRecord(last.id(), last.experiment(), plan.file().path().toAbsolutePath().toString(),
                        last.dir(), spec, revision, awbVersion, last.created());
                store.updateStudy(record);
                resumed = true;
            } else {
                String id = freeId(store, plan.name());
                Path dir = runs.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_")).toAbsolutePath();
                StudyRecord created = new StudyRecord(id, plan.name(), plan.file().path().toAbsolutePath().toString(),
                        dir.toString(), spec, revision, awbVersion, Instant.now().toString());
                if (store.createStudyIfAbsent(created)) {
                    record = created;
                }
            }
        }
        Study study = new Study(record, resumed);
        study.writeFiles(plan, overrides);
        List<TrialRecord> planned = new ArrayList<>();
        for (Trial trial : plan.trials()) {
            planned.add(TrialRecord.planned(trial.id(), trial.index(), trial.seed(), json(trial.labels()),
                    trial.config()));
        }
        store.registerTrials(record.id(), planned);
        return study;
    }

    private static String freeId(ResultsStore store, String name) {
        String id = name;
        for (int n = 2; store.study(id).isPresent(); n++) {
            id = name + "-" + n;
        }
        return id;
    }

    private void writeFiles(StudyPlan plan, List<String> overrides) {
        try {
            Path dir = directory();
            Files.createDirectories(dir.resolve(TRIALS));
            Files.copy(plan.file().path(), dir.resolve(EXPERIMENT), StandardCopyOption.REPLACE_EXISTING);
            JSON.writeValue(dir.resolve(OVERRIDES).toFile(), overrides);
            StringBuilder lines = new StringBuilder();
            for (Trial trial : plan.trials()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", trial.id());
                line.put("index", trial.index());
                line.put("labels", trial.labels());
                line.put("seed", trial.seed());
                line.put("config", JSON.readTree(trial.config()));
                line.put("bundles", trial.bundles());
                lines.append(JSON.writeValueAsString(line)).append('\n');
            }
            Files.writeString(dir.resolve(PLAN), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study directory " + directory(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public StudyRecord record() {
        return record;
    }

    public String id() {
        return record.id();
    }

    /** Whether this continues an earlier study rather than starting one. */
    public boolean resumed() {
        return resumed;
    }

    public Path directory() {
        return Path.of(record.dir());
    }

    /** The folder of one trial: its log, checkpoint and attention maps. */
    public Path trialDirectory(String trialId) {
        return trialDirectory(directory(), trialId);
    }

    /**
     * The folder of trial {@code trialId} in the study directory {@code studyDir}.
     *
     * @throws IllegalArgumentException when the id is not a plain file name (ids are hashes; checked to stay inside)
     */
    public static Path trialDirectory(Path studyDir, String trialId) {
        if (!trialId.matches("[A-Za-z0-9._-]+") || trialId.startsWith(".")) {
            throw new IllegalArgumentException("trial id [" + trialId + "] is not a plain file name");
        }
        return studyDir.resolve(TRIALS).resolve(trialId);
    }

    /** The attention maps file ({@link dev.awb.runtime.train.AttentionMaps}) in a trial's folder. */
    public static Path attentionMapsFile(Path trialDir) {
        return trialDir.resolve("attention.json");
    }

    /** The worker's log in a trial's folder. */
    public static Path workerLog(Path trialDir) {
        return trialDir.resolve("worker.log");
    }

    /** The experiment file as this study runs it. */
    public Path experimentFile() {
        return experimentFile(directory());
    }

    /** The copy of the experiment file as run in the study directory {@code studyDir}. */
    public static Path experimentFile(Path studyDir) {
        return studyDir.resolve(EXPERIMENT);
    }

    /** The command-line overrides of the last planning run (a JSON list) in the study directory {@code studyDir}. */
    public static Path overridesFile(Path studyDir) {
        return studyDir.resolve(OVERRIDES);
    }
}
