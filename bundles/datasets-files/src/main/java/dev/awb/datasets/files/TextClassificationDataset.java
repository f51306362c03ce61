package dev.awb.datasets.files;

import dev.awb.api.ParamSpec;
import dev.awb.api.Params;
import dev.awb.api.Plugin;
import dev.awb.api.PluginConfigurationException;
import dev.awb.api.dataset.Examples;
import dev.awb.api.dataset.SequenceDataset;
import dev.awb.api.dataset.TaskData;
import dev.awb.api.dataset.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * Text classification from a user's CSV, TSV or JSON Lines files: one label per text, word or character
 * tokens, a vocabulary built from the training records.
 *
 * <p>Splits: the {@code train} file, and a {@code validation} and {@code test} file when given; a split
 * without its own file is held out of the training file by a fixed per-record draw ({@link HeldOut}), the
 * same for every seed. The data do not depend on the seed at all: seeds vary the model, not the data.
 *
 * <p>Documented behaviour for awkward input: texts longer than {@code length} tokens keep their first
 * {@code length} tokens; a token not in the vocabulary becomes the unknown id 1; a malformed record fails
 * with file and line (or is skipped and counted with {@code skip_bad_records}: the count is logged and becomes
 * {@code data.skipped_records} in the study report); an empty file fails naming it. Without a {@code labels}
 * list the classes are every label seen in any split, so a label that only occurs in the test file is a class
 * the model never saw trained (and gets wrong); with {@code labels}, a record with another label is malformed.
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "text-classification",
        summary = "Text classification from CSV/TSV/JSONL files, word or character tokens")
public class TextClassificationDataset implements SequenceDataset {
    private static final System.Logger LOG = System.getLogger(TextClassificationDataset.class.getName());

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofPath("train", "", "Training file (.csv, .tsv, .jsonl); relative to the experiment file"),
            ParamSpec.ofPath("validation", "", "Validation file; empty holds out validation_fraction of train"),
            ParamSpec.ofPath("test", "", "Test file; empty holds out test_fraction of train"),
            ParamSpec.ofChoice("format", "auto", "File format; auto picks by extension", "auto", "csv", "tsv", "jsonl"),
            ParamSpec.ofString("text_column", "text", "Header name (CSV/TSV) or field (JSONL) of the text"),
            ParamSpec.ofString("label_column", "label", "Header name (CSV/TSV) or field (JSONL) of the label"),
            ParamSpec.ofString("labels", "", "Comma-separated class names in id order; empty means every label seen "
                    + "in any split (a test-only label is then a class never trained). With a list, a record with "
                    + "another label is malformed"),
            ParamSpec.ofChoice("tokens", "word", "Tokenization: words (letters, digits, punctuation) or characters",
                    "word", "char"),
            ParamSpec.ofBoolean("lowercase", true, "Lower-case text before tokenizing"),
            ParamSpec.ofInt("length", 128, "Tokens per sequence: longer texts keep their first length tokens, "
                    + "shorter are padded")
                    .range(1, 1 << 16),
            ParamSpec.ofInt("min_frequency", 1, "Training-set count a token needs to get its own id").range(1, 1 << 30),
            ParamSpec.ofInt("max_vocab", 20000, "Most token ids in all (padding and unknown included)")
                    .range(3, 1 << 24),
            ParamSpec.ofDouble("validation_fraction", 0.1, "Share of train held out for validation when no file")
                    .range(0.0, 0.9),
            ParamSpec.ofDouble("test_fraction", 0.1, "Share of train held out for testing when no file").range(0.0, 0.9),
            ParamSpec.ofBoolean("skip_bad_records", false, "Skip malformed records (and, with labels, records of "
                    + "another label) instead of failing; their count is stored as data.skipped_records and shown in "
                    + "the study report"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        Corpus corpus = Corpus.of(params);
        Scan scan = corpus.scan();
        return new TaskSpec(scan.vocabulary.size(), scan.labels.names().size(), params.getInt("length"),
                TaskSpec.Target.SEQUENCE, scan.labels.names());
    }

    @Override
    public TaskData generate(Params params, long seed) {
        Corpus corpus = Corpus.of(params);
        Scan scan = corpus.scan();
        TaskSpec spec = new TaskSpec(scan.vocabulary.size(), scan.labels.names().size(), params.getInt("length"),
                TaskSpec.Target.SEQUENCE, scan.labels.names());
        SkippedRecords skipped = new SkippedRecords();
        return skipped.addTo(new TaskData(spec, corpus.encode(HeldOut.Split.TRAIN, scan, spec, skipped),
                corpus.encode(HeldOut.Split.VALIDATION, scan, spec, skipped),
                corpus.encode(HeldOut.Split.TEST, scan, spec, skipped)), params.getBoolean("skip_bad_records"));
    }

    /** The vocabulary and the labels. */
    private record Scan(Vocabulary vocabulary, Labels labels) {
    }

    /** The configured files and how to read them. */
    private record Corpus(Params params, Tokenization tokenization, HeldOut heldOut, Labels fixedLabels) {
        static Corpus of(Params params) {
            if (params.getString("train").isEmpty()) {
                throw new PluginConfigurationException("train", "train must name a CSV, TSV or JSONL file");
            }
            boolean ownValidation = !params.getString("validation").isEmpty();
            boolean ownTest = !params.getString("test").isEmpty();
            HeldOut heldOut = new HeldOut(ownValidation ? 0 : params.getDouble("validation_fraction"),
                    ownTest ? 0 : params.getDouble("test_fraction"));
            return new Corpus(params, Tokenization.of(params.getString("tokens")), heldOut,
                    Labels.fixed(params.getString("labels")));
        }

        Scan scan() {
            Map<String, Integer> counts = new HashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            for (HeldOut.Split split : HeldOut.Split.values()) {
                forEach(split, null, text -> {
                    seen.add(text.label());
                    if (split == HeldOut.Split.TRAIN) {
                        for (String token : tokens(text)) {
                            counts.merge(token, 1, Integer::sum);
                        }
                    }
                });
            }
            Vocabulary vocabulary = Vocabulary.of(counts, params.getInt("min_frequency"), params.getInt("max_vocab"));
            return new Scan(vocabulary, fixedLabels.isEmpty() ? Labels.sorted(seen) : fixedLabels);
        }

        Examples encode(HeldOut.Split split, Scan scan, TaskSpec spec, SkippedRecords skipped) {
            List<int[]> rows = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            forEach(split, skipped, text -> {
                int[] row = new int[spec.length()];
                lengths.add(scan.vocabulary.encode(tokens(text), row));
                rows.add(row);
                targets.add(new int[] {scan.labels.id(text.label())});
            });
            return new Examples(rows.toArray(int[][]::new), lengths.stream().mapToInt(Integer::intValue).toArray(),
                    targets.toArray(int[][]::new));
        }

        private List<String> tokens(LabeledTextFile.Text text) {
            return tokenization.split(text.text(), params.getBoolean("lowercase"));
        }

        /**
         * The records of one split, with known labels and at least one token; with {@code skips}, those left out are
         * counted there and logged.
         */
        private void forEach(HeldOut.Split split, SkippedRecords skips, Consumer<LabeledTextFile.Text> sink) {
            String parameter = split == HeldOut.Split.TRAIN || params.getString(name(split)).isEmpty()
                    ? "train" : name(split);
            LabeledTextFile file = file(parameter);
            long[] index = {0};
            int[] unusable = {0};
            boolean fromTrain = "train".equals(parameter);
            int skipped = file.read(text -> {
                if (fromTrain && heldOut.of(index[0]++) != split) {
                    return;
                }
                String problem = !fixedLabels.isEmpty() && fixedLabels.id(text.label()) < 0
                        ? "label '" + text.label() + "' is not one of " + fixedLabels.names()
                        : tokens(text).isEmpty() ? "no tokens in text '" + text.text() + "'" : null;
                if (problem == null) {
                    sink.accept(text);
                } else if (file.skipBad()) {
                    unusable[0]++;
                } else {
                    throw new MalformedRecordException(parameter, file.file(), text.line(), problem);
                }
            });
            if (skips != null) {
                skips.add(file.file(), skipped, unusable[0]);
            }
            if (skips != null && skipped + unusable[0] > 0) {
                LOG.log(System.Logger.Level.WARNING, "dataset/text-classification: skipped {0} malformed record(s) of {1}"
                        + " ({2} split)", skipped + unusable[0], file.file(), split.name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        private LabeledTextFile file(String parameter) {
            Path path = Path.of(params.getString(parameter));
            return new LabeledTextFile(path, parameter, LabeledTextFile.Format.of(params.getString("format"), path),
                    params.getString("text_column"), params.getString("label_column"), params.getBoolean("skip_bad_records"));
        }

        private static String name(HeldOut.Split split) {
            return split.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
