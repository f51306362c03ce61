package dev.awb.runtime.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process that writes to a results store the way a worker does, for {@link ConcurrentWritersTests}: opens
 * (and so migrates) the store, creates the study unless another writer did, registers every trial, then
 * claims its share of them (index modulo {@code writers}), records provenance, per-epoch metrics one batch per
 * epoch, and the final values with the {@code finished} status.
 *
 * <p>Arguments: {@code STORE WRITER WRITERS TRIALS EPOCHS METRICS BARRIER_DIR}. Every writer waits at the
 * barrier (a file per writer in {@code BARRIER_DIR}) so that they open the new store at the same moment.
 */
public final class StoreWriter {
    static final String STUDY = "concurrent";

    private StoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        String location = args[0];
        int writer = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        int trials = Integer.parseInt(args[3]);
        int epochs = Integer.parseInt(args[4]);
        int metrics = Integer.parseInt(args[5]);
        awaitBarrier(Path.of(args[6]), writer, writers);
        try (ResultsStore store = ResultsStore.open(location)) {
            createStudyUnlessPresent(store);
            List<TrialRecord> planned = new ArrayList<>();
            for (int i = 1; i <= trials; i++) {
                planned.add(TrialRecord.planned(trialId(i), i, i, "{}", "{\"trial\":" + i + "}"));
            }
            store.registerTrials(STUDY, planned);
            for (int i = 1; i <= trials; i++) {
                if (i % writers == writer && store.claimTrial(STUDY, trialId(i), "writer:" + writer)) {
                    run(store, trialId(i), epochs, metrics);
                }
            }
        }
    }

    static String trialId(int index) {
        return String.format("trial%04d", index);
    }

    private static void run(ResultsStore store, String trial, int epochs, int metrics) {
        store.recordProvenance(STUDY, trial, "{\"trial\":\"" + trial + "\"}");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<MetricRow> rows = new ArrayList<>();
            for (int m = 0; m < metrics; m++) {
                rows.add(new MetricRow(trial, "train", "m" + m, epoch, epoch * 100.0 + m));
            }
            store.recordMetrics(STUDY, rows);
        }
        store.finishTrial(STUDY, trial, List.of(new MetricRow(trial, "test", "accuracy", null, 0.5)));
    }

    private static void createStudyUnlessPresent(ResultsStore store) {
        if (store.study(STUDY).isPresent()) {
            return;
        }
        try {
            store.createStudy(new StudyRecord(STUDY, STUDY, "/x.yaml", "/runs/x", "{}", "rev", "0.1", "2025-01-01T00:00:00Z"));
        } catch (StoreException anotherWriterWasFirst) {
            store.study(STUDY).orElseThrow(() -> anotherWriterWasFirst);
        }
    }

    private static void awaitBarrier(Path dir, int writer, int writers) throws Exception {
        Files.createFile(dir.resolve("ready-" + writer));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (var files = Files.list(dir)) {
                if (files.filter(f -> f.getFileName().toString().startsWith("ready-")).count() >= writers) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other writers never came");
            }
            Thread.sleep(5);
        }
    }
}
