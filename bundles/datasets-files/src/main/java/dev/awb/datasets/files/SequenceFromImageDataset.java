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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * Image classification as sequence classification, the pixels read one by one in row-major order (the
 * "Image" task of the Long Range Arena, Tay et al. 2021, there on 32×32 CIFAR-10; here 8×8 digits to start).
 * Each pixel's intensity is quantized into {@code levels} bins and becomes token 1 + bin, so the sequence
 * has width × height tokens and no 2-D prior is given to the model.
 *
 * <p>Images come from CSV files ({@link PixelFile}); splits and malformed-record handling follow
 * {@link TextClassificationDataset}. The classes are the labels seen (numerically ordered when all are
 * integers) unless {@code labels} fixes them.
 */
@Component(service = SequenceDataset.class)
@Plugin(kind = SequenceDataset.KIND, name = "sequence-from-image",
        summary = "Images as pixel sequences (LRA Image task, Tay et al. 2021), from CSV files, e.g. 8x8 digits")
public class SequenceFromImageDataset implements SequenceDataset {
    private static final System.Logger LOG = System.getLogger(SequenceFromImageDataset.class.getName());

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofPath("train", "", "Training CSV: a label column and width x height pixel columns, row-major"),
            ParamSpec.ofPath("validation", "", "Validation CSV; empty holds out validation_fraction of train"),
            ParamSpec.ofPath("test", "", "Test CSV; empty holds out test_fraction of train"),
            ParamSpec.ofString("label_column", "label", "Header name of the label column"),
            ParamSpec.ofString("labels", "", "Comma-separated class names in id order; empty means every label seen "
                    + "in any split (a test-only label is then a class never trained). With a list, a row with another "
                    + "label is malformed"),
            ParamSpec.ofInt("width", 8, "Image width in pixels").range(1, 4096),
            ParamSpec.ofInt("height", 8, "Image height in pixels").range(1, 4096),
            ParamSpec.ofDouble("max_value", 16, "Largest pixel value (16 for the 8x8 digits, 255 for 8-bit images)")
                    .range(1e-9, 1e9),
            ParamSpec.ofInt("levels", 17, "Intensity bins, one token each (17 keeps every digit value)").range(2, 65536),
            ParamSpec.ofDouble("validation_fraction", 0.1, "Share of train held out for validation when no file")
                    .range(0.0, 0.9),
            ParamSpec.ofDouble("test_fraction", 0.2, "Share of train held out for testing when no file").range(0.0, 0.9),
            ParamSpec.ofBoolean("skip_bad_records", false, "Skip malformed rows instead of failing; their count is "
                    + "stored as data.skipped_records and shown in the study report"));

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public TaskSpec spec(Params params) {
        return spec(params, new Corpus(params).labels());
    }

    @Override
    public TaskData generate(Params params, long seed) {
        Corpus corpus = new Corpus(params);
        Labels labels = corpus.labels();
        TaskSpec spec = spec(params, labels);
        SkippedRecords skipped = new SkippedRecords();
        return skipped.addTo(new TaskData(spec, corpus.encode(HeldOut.Split.TRAIN, labels, spec, skipped),
                corpus.encode(HeldOut.Split.VALIDATION, labels, spec, skipped),
                corpus.encode(HeldOut.Split.TEST, labels, spec, skipped)), params.getBoolean("skip_bad_records"));
    }

    private static TaskSpec spec(Params params, Labels labels) {
        return new TaskSpec(params.getInt("levels") + 1, labels.names().size(),
                params.getInt("width") * params.getInt("height"), TaskSpec.Target.SEQUENCE, labels.names());
    }

    /** The token of a pixel value: 1 + its intensity bin. */
    static int token(double value, double maxValue, int levels) {
        return 1 + Math.min(levels - 1, (int) Math.floor(value / maxValue * levels));
    }

    private record Corpus(Params params, HeldOut heldOut, Labels fixedLabels) {
        Corpus(Params params) {
            this(params, new HeldOut(params.getString("validation").isEmpty() ? params.getDouble("validation_fraction") : 0,
                    params.getString("test").isEmpty() ? params.getDouble("test_fraction") : 0),
                    Labels.fixed(params.getString("labels")));
            if (params.getString("train").isEmpty()) {
                throw new PluginConfigurationException("train", "train must name a CSV file of images");
            }
        }

        Labels labels() {
            if (!fixedLabels.isEmpty()) {
                return fixedLabels;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (HeldOut.Split split : HeldOut.Split.values()) {
                forEach(split, null, image -> seen.add(image.label()));
            }
            return Labels.sorted(seen);
        }

        Examples encode(HeldOut.Split split, Labels labels, TaskSpec spec, SkippedRecords skipped) {
            List<int[]> rows = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            double maxValue = params.getDouble("max_value");
            int levels = params.getInt("levels");
            forEach(split, skipped, image -> {
                int[] row = new int[spec.length()];
                for (int p = 0; p < row.length; p++) {
                    row[p] = token(image.pixels()[p], maxValue, levels);
                }
                rows.add(row);
                targets.add(new int[] {labels.id(image.label())});
            });
            int[] lengths = new int[rows.size()];
            java.util.Arrays.fill(lengths, spec.length());
            return new Examples(rows.toArray(int[][]::new), lengths, targets.toArray(int[][]::new));
        }

        /** The images of one split; with {@code skips}, those left out are counted there and logged. */
        private void forEach(HeldOut.Split split, SkippedRecords skips, Consumer<PixelFile.Image> sink) {
            String own = split.name().toLowerCase(Locale.ROOT);
            String parameter = split == HeldOut.Split.TRAIN || params.getString(own).isEmpty() ? "train" : own;
            PixelFile file = new PixelFile(Path.of(params.getString(parameter)), parameter, params.getString("label_column"),
                    params.getInt("width") * params.getInt("height"), params.getDouble("max_value"),
                    params.getBoolean("skip_bad_records"));
            long[] index = {0};
            int[] unusable = {0};
            int skipped = file.read(image -> {
                if ("train".equals(parameter) && heldOut.of(index[0]++) != split) {
                    return;
                }
                if (fixedLabels.isEmpty() || fixedLabels.id(image.label()) >= 0) {
                    sink.accept(image);
                } else if (file.skipBad()) {
                    unusable[0]++;
                } else {
                    throw new MalformedRecordException(parameter, file.file(), image.line(),
                            "label '" + image.label() + "' is not one of " + fixedLabels.names());
                }
            });
            if (skips != null) {
                skips.add(file.file(), skipped, unusable[0]);
            }
            if (skips != null && skipped + unusable[0] > 0) {
                LOG.log(System.Logger.Level.WARNING, "dataset/sequence-from-image: skipped {0} malformed row(s) of {1} ({2} split)",
                        skipped + unusable[0], file.file(), own);
            }
        }
    }
}
