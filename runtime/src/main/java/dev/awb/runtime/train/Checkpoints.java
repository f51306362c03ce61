package dev.awb.runtime.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The per-epoch checkpoint of one trial in its directory: the SameDiff graph with weights and updater state
 * ({@code model-EPOCH.sdz}) and where training stood ({@code checkpoint.json}).
 *
 * <p>The model of epoch k is written under its own name first; then {@code checkpoint.json}, naming epoch k,
 * is moved into place atomically; only then is the previous model deleted. A process killed at any moment
 * therefore leaves a JSON that names a complete model of the same epoch.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where training stood after an epoch.
     *
     * @param epoch the last completed epoch
     * @param iterations optimizer steps taken so far (learning-rate schedules continue from here)
     * @param trainSeconds time spent in training steps so far
     * @param trainTokens tokens trained on so far
     */
    public record State(int epoch, int iterations, double trainSeconds, long trainTokens) {
    }

    private final Path directory;

    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    /** The trial's directory. */
    public Path directory() {
        return directory;
    }

    /** The saved model file of the latest checkpoint. */
    public Path model() {
        return latest().map(this::model).orElseThrow(() -> new IllegalStateException("no checkpoint in " + directory));
    }

    private Path model(State state) {
        return model(state.epoch());
    }

    private Path model(int epoch) {
        return directory.resolve("model-" + epoch + ".sdz");
    }

    /** The latest complete checkpoint, if any. */
    public Optional<State> latest() {
        Path state = directory.resolve("checkpoint.json");
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            State read = JSON.readValue(state.toFile(), State.class);
            return Files.isRegularFile(model(read)) ? Optional.of(read) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable checkpoint " + state + "; delete the trial directory "
                    + directory + " to restart the trial from scratch", e);
        }
    }

    /** Saves {@code sd} (with updater state) as the checkpoint of {@code state}. */
    public void save(SameDiff sd, State state) {
        try {
            Files.createDirectories(directory);
            Optional<State> previous = latest();
            Path modelTmp = directory.resolve("model.sdz.tmp");
            MutedStdout.run(() -> sd.save(modelTmp.toFile(), true));
            Files.move(modelTmp, model(state), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path stateTmp = directory.resolve("checkpoint.json.tmp");
            JSON.writeValue(stateTmp.toFile(), state);
            Files.move(stateTmp, directory.resolve("checkpoint.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            if (previous.isPresent() && previous.get().epoch() != state.epoch()) {
                Files.deleteIfExists(model(previous.get()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint into " + directory, e);
        }
    }

    /** Deletes the checkpoint files (after the trial finished: the results are in the store). */
    public void clear() {
        try {
            Optional<State> state = latest();
            Files.deleteIfExists(directory.resolve("checkpoint.json"));
            if (state.isPresent()) {
                Files.deleteIfExists(model(state.get()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint in " + directory, e);
        }
    }
}
