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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * Token tagging (named-entity recognition and the like) from CoNLL-format files with BIO tags: one class
 * per token, the tag.
 *
 * <p>The task's class names are the tags ({@link TaskSpec#classNames()}), {@code O} first and then each
 * entity type's {@code B-} and {@code I-} tag in type order, so entity-level metrics can rebuild spans.
 * Splits, vocabulary and malformed-record handling follow {@link TextClassificationDataset}; sentences
 * longer than {@code length} tokens keep their first {@code length} tokens, and without a {@code tags}
 * list every tag seen in any split is a class.
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "token-tagging",
        summary = "Token tagging (e.g. NER) from CoNLL files with BIO tags; tag names exposed for entity metrics")
public class TokenTaggingDataset implements SequenceDataset {
    private static final System.Logger LOG = System.getLogger(TokenTaggingDataset.class.getName());

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofPath("train", "", "Training file in CoNLL format; relative to the experiment file"),
            ParamSpec.ofPath("validation", "", "Validation file; empty holds out validation_fraction of train"),
            ParamSpec.ofPath("test", "", "Test file; empty holds out test_fraction of train"),
            ParamSpec.ofInt("token_column", 0, "Column of the token (0-based; negative counts from the end)")
                    .range(-64, 63),
            ParamSpec.ofInt("tag_column", -1, "Column of the BIO tag (0-based; -1 is the last)").range(-64, 63),
            ParamSpec.ofString("tags", "", "Comma-separated tags in id order; empty means every tag seen in any "
                    + "split (a test-only tag is then a class never trained). With a list, a sentence with another "
                    + "tag is malformed"),
            ParamSpec.ofBoolean("lowercase", false, "Lower-case tokens before looking them up"),
            ParamSpec.ofInt("length", 64, "Tokens per sequence: longer sentences keep their first length tokens (the "
                    + "rest is neither predicted nor scored), shorter are padded")
                    .range(1, 1 << 16),
            ParamSpec.ofInt("min_frequency", 1, "Training-set count a token needs to get its own id").range(1, 1 << 30),
            ParamSpec.ofInt("max_vocab", 50000, "Most token ids in all (padding and unknown included)")
                    .range(3, 1 << 24),
            ParamSpec.ofDouble("validation_fraction", 0.1, "Share of train sentences held out for validation when no file")
                    .range(0.0, 0.9),
            ParamSpec.ofDouble("test_fraction", 0.1, "Share of train sentences held out for testing when no file")
                    .range(0.0, 0.9),
            ParamSpec.ofBoolean("skip_bad_records", false, "Skip sentences with a malformed line (or, with tags, "
                    + "another tag) instead of failing; their count is stored as data.skipped_records and shown in the "
                    + "study report"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        Scan scan = new Corpus(params).scan();
        return spec(params, scan);
    }

    @Override
    public TaskData generate(Params params, long seed) {
        Corpus corpus = new Corpus(params);
        Scan scan = corpus.scan();
        TaskSpec spec = spec(params, scan);
        SkippedRecords skipped = new SkippedRecords();
        return skipped.addTo(new TaskData(spec, corpus.encode(HeldOut.Split.TRAIN, scan, spec, skipped),
                corpus.encode(HeldOut.Split.VALIDATION, scan, spec, skipped),
                corpus.encode(HeldOut.Split.TEST, scan, spec, skipped)), params.getBoolean("skip_bad_records"));
    }

    private static TaskSpec spec(Params params, Scan scan) {
        return new TaskSpec(scan.vocabulary.size(), scan.tags.names().size(), params.getInt("length"),
                TaskSpec.Target.TOKEN, scan.tags.names());
    }

    /** {@code O} first, then by entity type, {@code B-} before {@code I-}. */
    static List<String> order(Set<String> tags) {
        List<String> sorted = new ArrayList<>(tags);
        sorted.sort(Comparator.comparing((String t) -> !"O".equals(t)).thenComparing(t -> t.length() > 2 ? t.substring(2) : "")
                .thenComparing(t -> t.charAt(0)));
        return sorted;
    }

    private record Scan(Vocabulary vocabulary, Labels tags) {
    }

    /** The configured files and how to read them. */
    private record Corpus(Params params, HeldOut heldOut, Labels fixedTags) {
        Corpus(Params params) {
            this(params, new HeldOut(params.getString("validation").isEmpty() ? params.getDouble("validation_fraction") : 0,
                    params.getString("test").isEmpty() ? params.getDouble("test_fraction") : 0),
                    Labels.fixed(params.getString("tags")));
            if (params.getString("train").isEmpty()) {
                throw new PluginConfigurationException("train", "train must name a CoNLL file");
            }
        }

        Scan scan() {
            Map<String, Integer> counts = new HashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            for (HeldOut.Split split : HeldOut.Split.values()) {
                forEach(split, null, sentence -> {
                    seen.addAll(sentence.tags());
                    if (split == HeldOut.Split.TRAIN) {
                        sentence.tokens().forEach(token -> counts.merge(token(token), 1, Integer::sum));
                    }
                });
            }
            Vocabulary vocabulary = Vocabulary.of(counts, params.getInt("min_frequency"), params.getInt("max_vocab"));
            return new Scan(vocabulary, fixedTags.isEmpty() ? Labels.fixed(String.join(",", order(seen))) : fixedTags);
        }

        Examples encode(HeldOut.Split split, Scan scan, TaskSpec spec, SkippedRecords skipped) {
            List<int[]> rows = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            forEach(split, skipped, sentence -> {
                int[] row = new int[spec.length()];
                int length = scan.vocabulary.encode(sentence.tokens().stream().map(this::token).toList(), row);
                int[] target = new int[spec.length()];
                Arrays.fill(target, Examples.IGNORE);
                for (int t = 0; t < length; t++) {
                    target[t] = scan.tags.id(sentence.tags().get(t));
                }
                rows.add(row);
                lengths.add(length);
                targets.add(target);
            });
            return new Examples(rows.toArray(int[][]::new), lengths.stream().mapToInt(Integer::intValue).toArray(),
                    targets.toArray(int[][]::new));
        }

        private String token(String token) {
            return params.getBoolean("lowercase") ? token.toLowerCase(Locale.ROOT) : token;
        }

        /** The sentences of one split; with {@code skips}, those left out are counted there and logged. */
        private void forEach(HeldOut.Split split, SkippedRecords skips, Consumer<ConllFile.Sentence> sink) {
            String own = split.name().toLowerCase(Locale.ROOT);
            String parameter = split == HeldOut.Split.TRAIN || params.getString(own).isEmpty() ? "train" : own;
            ConllFile file = new ConllFile(Path.of(params.getString(parameter)), parameter, params.getInt("token_column"),
                    params.getInt("tag_column"), params.getBoolean("skip_bad_records"));
            long[] index = {0};
            int[] unusable = {0};
            int skipped = file.read(sentence -> {
                if ("train".equals(parameter) && heldOut.of(index[0]++) != split) {
                    return;
                }
                String unknown = fixedTags.isEmpty() ? null
                        : sentence.tags().stream().filter(t -> fixedTags.id(t) < 0).findFirst().orElse(null);
                if (unknown == null) {
                    sink.accept(sentence);
                } else if (file.skipBad()) {
                    unusable[0]++;
                } else {
                    throw new MalformedRecordException(parameter, file.file(), sentence.line(),
                            "tag '" + unknown + "' is not one of " + fixedTags.names());
                }
            });
            if (skips != null) {
                skips.add(file.file(), skipped, unusable[0]);
            }
            if (skips != null && skipped + unusable[0] > 0) {
                LOG.log(System.Logger.Level.WARNING, "dataset/token-tagging: skipped {0} malformed sentence(s) of {1} ({2} split)",
                        skipped + unusable[0], file.file(), own);
            }
        }
    }
}
